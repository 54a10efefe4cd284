package linkcheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, p)
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(s), 0o644))
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, html string
		want       string // substring of the single problem, or "" for none
	}{
		{"relative file", `<a href="b/index.html">x</a>`, ""},
		{"fragment on other page", `<a href="b/index.html#here">x</a>`, ""},
		{"same-page fragment", `<p id="top"></p><a href="#top">x</a>`, ""},
		{"external link", `<a href="https://example.org/x">x</a>`, ""},
		{"missing file", `<a href="nope.html">x</a>`, "no such file"},
		{"missing fragment", `<a href="b/index.html#gone">x</a>`, `no id "gone"`},
		{"missing same-page fragment", `<a href="#top">x</a>`, `no id "top"`},
		{"root-absolute", `<a href="/b/index.html">x</a>`, "root-absolute"},
		{"external asset", `<script src="https://cdn.example/x.js"></script>`, "outside the site"},
		{"folder link", `<a href="b/">x</a>`, "folder link"},
		{"escapes site", `<a href="../x.html">x</a>`, "outside the site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"index.html": tt.html, "b/index.html": `<h1 id="here">b</h1>`})
			rep, err := Check(dir)
			require.NoError(t, err)
			if tt.want == "" {
				assert.Empty(t, rep.Problems, "html %s", tt.html)
				return
			}
			require.Len(t, rep.Problems, 1, "html %s", tt.html)
			assert.Contains(t, rep.Problems[0], tt.want, "html %s", tt.html)
		})
	}
}
