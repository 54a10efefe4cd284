package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInject(t *testing.T) {
	const s = `<script src="/__dossier/reload.js" data-build="b-1"></script>`
	tests := []struct{ page, want string }{
		{"<html><body>x</body></html>", "<html><body>x" + s + "</body></html>"},
		{"<BODY>x</BODY>", "<BODY>x" + s + "</BODY>"},
		{"<p>no end tag", "<p>no end tag" + s},
		{"", s},
		{"<body><pre>&lt;/body&gt;</pre><script>//</body></script></body>\n", "<body><pre>&lt;/body&gt;</pre><script>//</body></script>" + s + "</body>\n"},
		{"<body>Ünïcödé İ</body >", "<body>Ünïcödé İ" + s + "</body >"},
		{"<body></bodyx", "<body>" + s + "</bodyx"},
		{"x</bod", "x</bod" + s},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(inject([]byte(tt.page), "b-1")), "inject into %q", tt.page)
	}
}

// siteServer serves the folder dir as Run does, after one successful build.
func siteServer(t *testing.T, dir string) (*httptest.Server, string) {
	t.Helper()
	h := newHub()
	h.finish(Result{OK: true})
	srv := httptest.NewServer(newHandler(dir, h))
	t.Cleanup(srv.Close)
	return srv, h.site()
}

// fetch sends a GET with the path exactly as written.
func fetch(t *testing.T, base, method, p string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, base+"/", nil)
	require.NoError(t, err)
	req.URL.Opaque = p
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(t, err, "%s %s", method, p)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err, "%s %s", method, p)
	return resp, string(body)
}

func TestServeFiles(t *testing.T) {
	pub := filepath.Join(t.TempDir(), "public")
	write(t, pub, "index.html", "<html><body>home</body></html>")
	write(t, pub, "actors/x/index.html", "<body>x</body>")
	write(t, pub, "404.html", "<body>not here</body>")
	write(t, pub, "assets/style.css", "body{}")
	write(t, pub, "empty/.keep", "")
	write(t, pub, "assets/empty.txt", "")
	srv, build := siteServer(t, pub)
	script := tag(build)

	tests := []struct {
		method, path string
		status       int
		body         string // exactly, or "" not to check
		contains     string
		header       string // "Name: value" wanted in the response, or ""
	}{
		{"GET", "/", 200, "<html><body>home" + script + "</body></html>", "", "Cache-Control: no-cache"},
		{"GET", "/index.html", 200, "<html><body>home" + script + "</body></html>", "", "Content-Type: text/html; charset=utf-8"},
		{"GET", "/actors/x/", 200, "<body>x" + script + "</body>", "", ""},
		{"GET", "/actors/x", 301, "", "", "Location: /actors/x/"},
		{"GET", "/actors/x?q=1", 301, "", "", "Location: /actors/x/?q=1"},
		{"GET", "/assets/style.css", 200, "body{}", "", "Content-Type: text/css; charset=utf-8"},
		{"GET", "/missing.html", 404, "<body>not here" + script + "</body>", "", "Content-Type: text/html; charset=utf-8"},
		{"GET", "/assets/empty.txt", 200, "", "", "Content-Length: 0"},
		{"GET", "/empty/", 404, "<body>not here" + script + "</body>", "", ""},
		{"HEAD", "/", 200, "", "", "Content-Length: " + itoa(len("<html><body>home"+script+"</body></html>"))},
		{"POST", "/", 405, "", "", "Allow: GET, HEAD"},
		{"GET", "/__dossier/reload.js", 200, string(reloadJS), "", "Content-Type: text/javascript; charset=utf-8"},
		{"GET", "/__dossier/overlay.css", 200, string(overlayCSS), "", "Content-Type: text/css; charset=utf-8"},
		{"GET", "/__dossier/other", 404, "", "", ""},
		{"GET", "/__dossier/reload.js/x", 404, "", "", ""},
	}
	for _, tt := range tests {
		resp, body := fetch(t, srv.URL, tt.method, tt.path)
		assert.Equal(t, tt.status, resp.StatusCode, "%s %s: status", tt.method, tt.path)
		if tt.body != "" {
			assert.Equal(t, tt.body, body, "%s %s: body", tt.method, tt.path)
		}
		if tt.header != "" {
			name, value, _ := strings.Cut(tt.header, ": ")
			assert.Equal(t, value, resp.Header.Get(name), "%s %s: header %s", tt.method, tt.path, name)
		}
	}
	assert.Contains(t, string(reloadJS), `new EventSource("/__dossier/events")`, "reload.js listens to the event stream")
	assert.Contains(t, string(reloadJS), `"/__dossier/overlay.css"`, "reload.js styles its banner with overlay.css")
	assert.Contains(t, string(reloadJS), `"role", "alert"`, "reload.js's banner is an alert")
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestServeRefusesEscapes tries ways out of the site folder: encoded and
// double-encoded dots, backslashes, and symlinks to a folder or a file
// outside it.
func TestServeRefusesEscapes(t *testing.T) {
	parent := t.TempDir()
	pub := filepath.Join(parent, "public")
	write(t, pub, "index.html", "<body>home</body>")
	write(t, pub, "404.html", "not here")
	write(t, parent, "secret.txt", "secret")
	write(t, parent, "secret/index.html", "secret")
	require.NoError(t, os.Symlink(parent, filepath.Join(pub, "up")))
	require.NoError(t, os.Symlink("../secret.txt", filepath.Join(pub, "rel.txt")))
	require.NoError(t, os.Symlink("../secret", filepath.Join(pub, "reldir")))
	require.NoError(t, os.Symlink("/etc/passwd", filepath.Join(pub, "passwd")))
	srv, _ := siteServer(t, pub)

	for _, p := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
		"/%252e%252e/secret.txt", "/..\\secret.txt", "/.%2e/secret.txt", "//../secret.txt", "/./../secret.txt",
		"/up/secret.txt", "/up/", "/rel.txt", "/reldir/", "/reldir/index.html", "/passwd", "/%2fetc%2fpasswd",
		"/../../../../etc/passwd", "/__dossier/../../secret.txt", "/__dossier/%2e%2e/%2e%2e/secret.txt",
	} {
		resp, body := fetch(t, srv.URL, "GET", p)
		if loc := resp.Header.Get("Location"); loc != "" {
			// The router cleans the path with a redirect; follow it once.
			resp, body = fetch(t, srv.URL, "GET", resp.Header.Get("Location"))
		}
		assert.Contains(t, []int{http.StatusNotFound, http.StatusBadRequest}, resp.StatusCode, "GET %s", p)
		assert.NotContains(t, body, "secret", "GET %s", p)
		assert.NotContains(t, body, "root:", "GET %s", p)
	}
}

// TestServeNotBuilt: with no site on disk, every page is a placeholder that
// carries the script, so the build's problems show and the page reloads
// when a build succeeds.
func TestServeNotBuilt(t *testing.T) {
	srv, build := siteServer(t, filepath.Join(t.TempDir(), "public"))
	resp, body := fetch(t, srv.URL, "GET", "/actors/")
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Contains(t, body, "not been built yet")
	assert.Regexp(t, regexp.MustCompile(regexp.QuoteMeta(tag(build))+`\s*</body>`), body, "the placeholder carries the script")
}
