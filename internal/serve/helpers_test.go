package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// wait bounds every wait of these tests: generous, because they must pass
// on a loaded two-core machine, and only reached when something is wrong.
const wait = 10 * time.Second

// recorder is a Builder that reports each build's changed paths on calls
// when it starts, and answers with what result returns for the n-th build
// (1-based). It notes how many builds ever ran at once.
type recorder struct {
	result func(ctx context.Context, n int, changed []string) Result

	calls      chan []string
	n          atomic.Int32
	running    atomic.Int32
	maxRunning atomic.Int32
}

func newRecorder(result func(ctx context.Context, n int, changed []string) Result) *recorder {
	if result == nil {
		result = func(context.Context, int, []string) Result { return Result{OK: true} }
	}
	return &recorder{result: result, calls: make(chan []string, 1000)}
}

func (r *recorder) build(ctx context.Context, changed []string) Result {
	running := r.running.Add(1)
	defer r.running.Add(-1)
	for {
		m := r.maxRunning.Load()
		if running <= m || r.maxRunning.CompareAndSwap(m, running) {
			break
		}
	}
	n := int(r.n.Add(1))
	r.calls <- changed
	return r.result(ctx, n, changed)
}

// next waits for the next build to start and returns its changed paths.
func (r *recorder) next(t testing.TB, why string) []string {
	t.Helper()
	select {
	case c := <-r.calls:
		return c
	case <-time.After(wait):
		t.Fatalf("no build started within %v after %s", wait, why)
		return nil
	}
}

// server is a Run under test.
type server struct {
	url    string
	root   string
	out    string
	cancel context.CancelFunc
	done   chan error
}

// start runs Run on a fresh project folder (with empty content/ and seeds/
// folders) and a site in its public/ folder, with the options given and a
// loopback listener; the server stops when the test ends.
func start(t testing.TB, o Options, site map[string]string) *server {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "seeds"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	out := filepath.Join(root, "public")
	if site != nil {
		require.NoError(t, os.MkdirAll(out, 0o755))
		for name, text := range site {
			write(t, out, name, text)
		}
	}
	return startIn(t, root, out, o)
}

func startIn(t testing.TB, root, out string, o Options) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	o.Root, o.Out, o.Listener = root, out, ln
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{url: "http://" + ln.Addr().String(), root: root, out: out, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- Run(ctx, o) }()
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop cancels Run and returns how long it took to return.
func (s *server) stop(t testing.TB) time.Duration {
	t.Helper()
	began := time.Now()
	s.cancel()
	select {
	case err, ok := <-s.done:
		if ok {
			close(s.done)
			require.NoError(t, err, "Run returns nil when its context is cancelled")
		}
	case <-time.After(wait):
		t.Fatalf("Run did not return within %v of the cancellation", wait)
	}
	return time.Since(began)
}

// get fetches a path and returns the status and body.
func (s *server) get(t testing.TB, p string) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: wait}).Get(s.url + p)
	require.NoError(t, err, "GET %s", p)
	defer resp.Body.Close()
	var b strings.Builder
	_, err = bufio.NewReader(resp.Body).WriteTo(&b)
	require.NoError(t, err, "GET %s", p)
	return resp.StatusCode, b.String()
}

// write creates the file dir/rel with its folders. It writes a hidden
// temporary file and renames it, as many editors save: the rename is one
// notification, where writing in place is two (create, write), which a
// stalled machine could split into two builds.
func write(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	require.NoError(t, os.WriteFile(tmp, []byte(text), 0o644))
	require.NoError(t, os.Rename(tmp, p))
}

// stream is a client of the event stream.
type stream struct {
	states chan state
	errs   chan error
	closed chan struct{} // closed when the server ends the stream
	cancel context.CancelFunc
}

// openStream connects to the event stream of s; it is closed when the test ends.
func openStream(t testing.TB, s *server) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/__dossier/events", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "open the event stream")
	require.Equal(t, http.StatusOK, resp.StatusCode, "the event stream's status")
	require.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"), "the event stream's type")
	st := &stream{states: make(chan state, 100), errs: make(chan error, 100), closed: make(chan struct{}), cancel: cancel}
	var once sync.Once
	go func() {
		defer resp.Body.Close()
		defer once.Do(func() { close(st.closed) })
		sc := bufio.NewScanner(resp.Body)
		var event, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if event == "build" {
					var s state
					if err := json.Unmarshal([]byte(data), &s); err != nil {
						st.errs <- fmt.Errorf("event data %q: %w", data, err)
					} else {
						st.states <- s
					}
				}
				event, data = "", ""
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return st
}

// next waits for the next state sent.
func (st *stream) next(t testing.TB, why string) state {
	t.Helper()
	select {
	case s := <-st.states:
		return s
	case err := <-st.errs:
		t.Fatal(err)
	case <-st.closed:
		t.Fatalf("the event stream ended while waiting for %s", why)
	case <-time.After(wait):
		t.Fatalf("no event within %v for %s", wait, why)
	}
	return state{}
}
