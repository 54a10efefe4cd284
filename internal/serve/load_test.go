package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/publish"
)

// TestConcurrentRequestsWhileRebuilding has 1,000 clients send requests at
// once while a build swaps the site folder again and again, as the real
// build does (publish.Write): every request must succeed with the right
// bytes.
func TestConcurrentRequestsWhileRebuilding(t *testing.T) {
	site := map[string][]byte{
		"index.html":       []byte("<!doctype html><body><h1>Home</h1></body>"),
		"404.html":         []byte("<body>not here</body>"),
		"assets/style.css": []byte("body{margin:0}"),
		"assets/big.js":    bytes.Repeat([]byte("// padding\n"), 5000),
	}
	for i := range 40 {
		site[fmt.Sprintf("actors/a%02d/index.html", i)] = []byte(fmt.Sprintf("<body><p>actor %d</p>%s</body>", i, strings.Repeat("x", i*100)))
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	require.NoError(t, publish.Write(out, site))
	rebuilding := make(chan struct{})
	stop := make(chan struct{})
	var swaps atomic.Int32
	var buildErr error
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		if n == 1 {
			return Result{OK: true}
		}
		close(rebuilding)
		for {
			if err := publish.Write(out, site); err != nil {
				buildErr = err
				return Result{Problems: []string{err.Error()}}
			}
			swaps.Add(1)
			select {
			case <-stop:
				return Result{OK: true}
			default:
			}
		}
	})
	s := startIn(t, root, out, Options{Build: rec.build, Watch: []string{"content"}})
	rec.next(t, "the start")
	build := openStream(t, s).next(t, "the state on connect").Site
	write(t, s.root, "content/x.md", "x")
	rec.next(t, "writing content/x.md")
	<-rebuilding

	var paths []string
	for p := range site {
		paths = append(paths, p)
	}
	const n = 1000
	client := &http.Client{Timeout: wait, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	begin := make(chan struct{})
	errs := make(chan error, 100*n)
	var wg sync.WaitGroup
	var sent atomic.Int32
	get := func(p string) {
		sent.Add(1)
		resp, err := client.Get(s.url + "/" + p)
		if err != nil {
			errs <- err
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		want := site[p]
		if strings.HasSuffix(p, ".html") {
			want = inject(want, build)
		}
		switch {
		case err != nil:
			errs <- fmt.Errorf("%s: %w", p, err)
		case resp.StatusCode != http.StatusOK:
			errs <- fmt.Errorf("%s: status %d", p, resp.StatusCode)
		case !bytes.Equal(body, want):
			errs <- fmt.Errorf("%s: %d bytes differ from the file's %d", p, len(body), len(want))
		}
	}
	// Each client sends one request, and more until the site has been
	// swapped since they began, so that the requests overlap swaps
	// however fast or slow this machine is.
	target := swaps.Load() + 1
	for i := range n {
		wg.Go(func() {
			<-begin
			for k := 0; k == 0 || swaps.Load() < target; k++ {
				get(paths[(i+k)%len(paths)])
			}
		})
	}
	before := swaps.Load()
	close(begin)
	wg.Wait()
	during := swaps.Load() - before
	close(stop)
	close(errs)
	var failed []string
	for err := range errs {
		failed = append(failed, err.Error())
	}
	t.Logf("%d clients sent %d requests for %d files while the site was swapped %d times: %d errors", n, sent.Load(), len(paths), during, len(failed))
	assert.Empty(t, failed, "every request succeeds with the file's bytes")
	assert.Positive(t, during, "the site was swapped while the requests ran")
	openStream(t, s).next(t, "the end of the rebuilding")
	assert.NoError(t, buildErr)
}
