package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeHandler(t *testing.T) {
	parent := t.TempDir()
	pub := filepath.Join(parent, "public")
	require.NoError(t, os.MkdirAll(filepath.Join(pub, "actors/x"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pub, "index.html"), []byte("<html><body>home</body></html>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(pub, "actors/x/index.html"), []byte("<body>x</body>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(pub, "404.html"), []byte("not here"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("secret"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(pub, "link.txt")))

	var version atomic.Int64
	version.Store(3)
	srv := httptest.NewServer(siteHandler(pub, &version))
	defer srv.Close()

	tests := []struct {
		path     string
		status   int
		contains string
	}{
		{"/", 200, `home<script src="/__dossier/reload.js"></script></body>`},
		{"/actors/x/", 200, "x"},
		{"/actors/x/index.html", 200, "x"},
		{"/../secret.txt", 404, "not here"},
		{"/%2e%2e/secret.txt", 404, "not here"},
		{"/actors/%2e%2e/%2e%2e/secret.txt", 404, "not here"},
		{"/link.txt", 404, "not here"}, // a symlink out of public/ is not followed
		{"/missing.html", 404, "not here"},
		{"/__dossier/version", 200, "3"},
	}
	for _, tt := range tests {
		req, err := http.NewRequest("GET", srv.URL+tt.path, nil)
		require.NoError(t, err)
		req.URL.Opaque = tt.path // send the path exactly as written
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err, tt.path)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, tt.status, resp.StatusCode, "GET %s", tt.path)
		assert.Contains(t, string(body), tt.contains, "GET %s", tt.path)
		assert.NotContains(t, string(body), "secret", "GET %s", tt.path)
	}
}
