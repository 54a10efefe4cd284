// Package browsertest starts headless Chromium for the browser tests of
// several packages (build, serve, geo): it finds the program, skips or
// fails the test as DOSSIER_BROWSER says when it is missing, and bounds the
// start with a deadline. Only tests import it.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// StartTimeout bounds starting the browser, or attaching a tab to it.
const StartTimeout = time.Minute

// Path returns the path of Chromium on PATH, or "".
func Path() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Exe returns the path of Chromium for a browser test. It skips the test
// under -short, and when Chromium is missing (Missing).
func Exe(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a browser test; run without -short")
	}
	exe := Path()
	if exe == "" {
		Missing(t, "no chromium on PATH")
	}
	return exe
}

// Missing skips the test for want of a tool, or fails it when
// DOSSIER_BROWSER=require (as in CI).
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("DOSSIER_BROWSER") == "require" {
		t.Fatalf("%s (DOSSIER_BROWSER=require)", msg)
	}
	t.Skipf("%s; run `bash .ci/browser-deps.sh` to install it, and set DOSSIER_BROWSER=require to make this a failure", msg)
}

// Options are the options of a headless Chromium at exe as the tests run
// it: chromedp's defaults (headless, no first run, no background
// networking, no sync), no sandbox (CI runs as root), no GPU and no
// component updates, then extra.
func Options(exe string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true))
	return append(opts, extra...)
}

// Start starts a browser with opts and returns its context and the
// function that stops it. The first action starts the browser with the
// returned context itself, which must live as long as the browser, so the
// start is bounded by StartTimeout through Within rather than a deadline.
func Start(opts []chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, stopBrowser := chromedp.NewContext(actx)
	stop := func() { stopBrowser(); stopAlloc() }
	if err := Within(StartTimeout, func() error { return chromedp.Do(bctx) }, stop); err != nil {
		stop()
		return nil, func() {}, err
	}
	return bctx, stop, nil
}

// Within runs start, which may block, and gives up after d, calling abort so
// that start returns.
func Within(d time.Duration, start func() error, abort func()) error {
	done := make(chan error, 1)
	go func() { done <- start() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		abort()
		<-done
		return fmt.Errorf("no answer within %v", d)
	}
}

// Shared is the browser of one test binary: started by the first test that
// asks for it, stopped by the binary's TestMain with Stop.
type Shared struct {
	once sync.Once
	ctx  context.Context
	stop context.CancelFunc
	err  error
}

// Browser returns the shared browser, starting it with Options(exe, extra...)
// on first use; it skips the test as Exe does, and fails it when the
// browser does not start. The options of the first call hold.
func (s *Shared) Browser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	exe := Exe(t)
	s.once.Do(func() { s.ctx, s.stop, s.err = Start(Options(exe, extra...)) })
	if s.err != nil {
		t.Fatalf("start %s: %v", exe, s.err)
	}
	return s.ctx
}

// Stop stops the browser, if it was started.
func (s *Shared) Stop() {
	if s.stop != nil {
		s.stop()
	}
}

// Poll is a JavaScript promise that resolves to true once the expression
// cond is true, checking every 20 ms in the page (so each check sees the DOM
// as the page's own scripts left it), or to false after d. An exception
// thrown by cond counts as false.
func Poll(cond string, d time.Duration) string {
	return fmt.Sprintf(`new Promise((resolve) => {
		const until = performance.now() + %d;
		const poll = () => {
			let ok = false;
			try { ok = !!(%s); } catch (e) {}
			if (ok) resolve(true); else if (performance.now() > until) resolve(false); else setTimeout(poll, 20);
		};
		poll();
	})`, d.Milliseconds(), cond)
}
