package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

// TestServeRefusesEscapes tries more ways out of public/: encoded and
// double-encoded dots, backslashes, and symlinks to a folder or a file
// outside it.
func TestServeRefusesEscapes(t *testing.T) {
	parent := t.TempDir()
	pub := filepath.Join(parent, "public")
	require.NoError(t, os.MkdirAll(pub, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pub, "index.html"), []byte("<body>home</body>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(pub, "404.html"), []byte("not here"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("secret"), 0o644))
	require.NoError(t, os.Symlink(parent, filepath.Join(pub, "up")))
	require.NoError(t, os.Symlink("../secret.txt", filepath.Join(pub, "rel.txt")))
	require.NoError(t, os.Symlink("/etc/passwd", filepath.Join(pub, "passwd")))

	var version atomic.Int64
	srv := httptest.NewServer(siteHandler(pub, &version))
	defer srv.Close()
	for _, p := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
		"/%252e%252e/secret.txt", "/..\\secret.txt", "/.%2e/secret.txt", "//../secret.txt", "/./../secret.txt",
		"/up/secret.txt", "/up/", "/rel.txt", "/passwd", "/%2fetc%2fpasswd", "/../../../../etc/passwd",
	} {
		req, err := http.NewRequest("GET", srv.URL+"/", nil)
		require.NoError(t, err)
		req.URL.Opaque = p // send the path exactly as written
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err, p)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Contains(t, []int{http.StatusNotFound, http.StatusBadRequest}, resp.StatusCode, "GET %s", p)
		assert.NotContains(t, string(body), "secret", "GET %s", p)
		assert.NotContains(t, string(body), "root:", "GET %s", p)
	}
}

// TestServeDefaultsToLoopback checks that serve listens on 127.0.0.1 unless told otherwise.
func TestServeDefaultsToLoopback(t *testing.T) {
	stdout, _, err := runCmd("serve", "-h")
	require.NoError(t, err, "-h is not a failure")
	assert.Contains(t, stdout, `(default "127.0.0.1:8080")`)
}

// TestServeConcurrentLoad serves the fixture site on a real listener and
// sends 1,000 requests at once: every one must succeed with the right bytes.
func TestServeConcurrentLoad(t *testing.T) {
	dir := testProject(t)
	_, stderr, err := runCmd("build", "-root", dir)
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")
	files := snapshot(t, pub)
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var version atomic.Int64
	srv := &http.Server{Handler: siteHandler(pub, &version), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	const n = 1000
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := paths[i%len(paths)]
			<-start
			resp, err := client.Get("http://" + ln.Addr().String() + "/" + p)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			want := files[p]
			if strings.HasSuffix(p, ".html") {
				want = bytes.Replace(want, []byte("</body>"), []byte(`<script src="/__dossier/reload.js"></script></body>`), 1)
			}
			switch {
			case err != nil:
				errs <- fmt.Errorf("%s: %w", p, err)
			case resp.StatusCode != http.StatusOK:
				errs <- fmt.Errorf("%s: status %d", p, resp.StatusCode)
			case !bytes.Equal(body, want):
				errs <- fmt.Errorf("%s: %d bytes differ from the file's %d", p, len(body), len(want))
			}
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	took := time.Since(began)
	close(errs)
	var failed []string
	for err := range errs {
		failed = append(failed, err.Error())
	}
	t.Logf("%d concurrent requests for %d files: %d errors in %v", n, len(paths), len(failed), took)
	assert.Empty(t, failed)
}

// TestServeStopsOnCtrlC runs the real binary, waits until it serves, sends
// SIGINT and expects a clean exit (status 0) with the port closed, within a
// few seconds.
func TestServeStopsOnCtrlC(t *testing.T) {
	bin := buildBinary(t)
	dir := testProject(t)
	cmd := exec.Command(bin, "serve", "-root", dir, "-addr", "127.0.0.1:0", "-poll", "0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()

	addr := make(chan string, 1)
	serving := regexp.MustCompile(`serving .* at http://([^/]+)/`)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var at string
	select {
	case at = <-addr:
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start: %s", stderr.String())
	}
	host, _, err := net.SplitHostPort(at)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", host)
	resp, err := http.Get("http://" + at + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "serve exits with status 0 on Ctrl-C: %s", stderr.String())
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5 seconds of Ctrl-C")
	}
	_, err = net.DialTimeout("tcp", at, time.Second)
	assert.Error(t, err, "the port is closed after shutdown")
}
