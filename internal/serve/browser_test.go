package serve

// Browser tests of live reload and the problems overlay, in one headless
// Chromium per test binary. They skip under -short, and without Chromium
// unless DOSSIER_BROWSER=require (as in CI); .ci/browser-deps.sh installs
// it. Every browser step has a deadline of its own, and every wait polls
// the page's DOM under a deadline: nothing sleeps and hopes.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/browsertest"
	dossierbuild "github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/corpusgen"
)

// stepTimeout bounds one browser step (a navigation, a script); waits in
// the page are bounded by wait (helpers_test.go), which is shorter.
const stepTimeout = 30 * time.Second

// shared is the browser of this test binary; TestMain stops it.
var shared browsertest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	shared.Stop()
	os.Exit(code)
}

// browser returns the headless Chromium of this test binary, started on
// first use; it skips the test under -short or without Chromium.
func browser(t *testing.T) context.Context {
	t.Helper()
	return shared.Browser(t, chromedp.WindowSize(1024, 768))
}

// tab is a browser tab on a site served by Run.
type tab struct {
	ctx  context.Context
	name string // for failure messages

	mu   sync.Mutex
	errs []string
}

// newTab opens u in a new tab, which closes when the test ends. A watched
// tab collects script errors and CSP violations; an unwatched one ignores
// the page's Content-Security-Policy (for axe-core, which adds inline styles).
func newTab(t *testing.T, name, u string, watched bool) *tab {
	t.Helper()
	// The tab has a browser context of its own, which closing the tab
	// disposes of, and with it the connections Chrome keeps open or opens
	// ahead to the server: a connection left open would hold up the
	// server's stop (registered earlier, so run after this cleanup) by the
	// seconds http.Server.Shutdown grants a connection that sent nothing.
	ctx, closeTab := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(closeTab)
	tb := &tab{ctx: ctx, name: name}
	// The first Do attaches the tab with ctx itself, whose life is the tab's.
	require.NoError(t, browsertest.Within(browsertest.StartTimeout, func() error { return chromedp.Do(ctx) }, closeTab), "%s: open a tab", name)
	if !watched {
		_, err := call(tb, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		require.NoError(t, err, "%s: bypass the CSP", name)
	}
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if !watched {
			return
		}
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			tb.errs = append(tb.errs, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				tb.errs = append(tb.errs, "console.error")
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				tb.errs = append(tb.errs, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}), "%s: listen", name)
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	require.NoError(t, chromedp.Do(sctx, chromedp.Navigate(u)), "%s: open %s", name, u)
	tb.waitFor(t, "the page loads", `document.readyState === "complete"`)
	return tb
}

// call sends a command to the tab as one step.
func call[P, R any](tb *tab, cmd cdp.Command[P, R], params P) (R, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	return chromedp.Call(ctx, cmd, params)
}

// errors returns the script errors and CSP violations seen so far.
func (tb *tab) errors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errs...)
}

// eval runs a script in the tab as the step named step and decodes its
// result; a promise is awaited. A reload in between destroys the script's
// context: it is then run again on the new page, until the step's deadline.
func eval[T any](t *testing.T, tb *tab, step, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
		if err == nil {
			return v
		}
		if ctx.Err() != nil || !reloaded(err) {
			require.NoError(t, err, "%s: %s", tb.name, step)
			return v
		}
	}
}

// reloaded reports whether err says the page went away under a script.
func reloaded(err error) bool {
	var ee *chromedp.ExceptionError
	msg := err.Error()
	return !errors.As(err, &ee) && (strings.Contains(msg, "Execution context was destroyed") ||
		strings.Contains(msg, "Cannot find context") || strings.Contains(msg, "navigated"))
}

// waitFor polls the condition cond in the page until it holds, for at most
// wait, and fails the test naming what it waited for when it does not.
func (tb *tab) waitFor(t *testing.T, what, cond string) {
	t.Helper()
	ok := eval[bool](t, tb, "wait until "+what, browsertest.Poll(cond, wait))
	require.True(t, ok, "%s: %v passed and still not: %s", tb.name, wait, what)
}

// emulateScheme sets the colour scheme the tab's pages see.
func (tb *tab) emulateScheme(t *testing.T, scheme string) {
	t.Helper()
	_, err := call(tb, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	require.NoError(t, err, "%s: emulate the %s scheme", tb.name, scheme)
}

// TestBrowserLiveReload runs reload.js in headless Chromium, on a page under
// the site's Content-Security-Policy: a failed build shows its problems in
// an alert over the page, readable in the light and dark schemes, also on a
// page opened after the failure; the next successful build reloads the page
// and the banner is gone. No script error or CSP violation may occur.
func TestBrowserLiveReload(t *testing.T) {
	browser(t)
	results := make(chan Result, 10)
	rec := newRecorder(func(context.Context, int, []string) Result {
		select {
		case r := <-results:
			return r
		default:
			return Result{OK: true}
		}
	})
	s := start(t, Options{Build: rec.build}, map[string]string{
		"index.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'">
<title>Home</title><link rel="stylesheet" href="/site.css"><link rel="icon" href="data:,"></head>
<body><main><h1>Home</h1><ul><li>one</li></ul></main></body></html>`,
		"site.css": "body{font-family:serif;color:#222;background:#fff} ul{list-style:none;margin:0;padding:0} h2{font-size:3rem}",
	})
	rec.next(t, "the start")

	first := newTab(t, "the first page", s.url+"/", true)
	eval[bool](t, first, "mark the page", `window.marker = 1; true`)
	assert.False(t, eval[bool](t, first, "look for a banner", `!!document.getElementById("dossier-build-problems")`), "no banner after a successful build")

	results <- Result{Problems: []string{`content/x.md:12: no source supports "<b>this</b>"`, "content/y.md: unknown key"}}
	write(t, s.root, "content/x.md", "bad")
	first.waitFor(t, "a failed build shows an alert", alertJS+" !== null")
	banner := eval[bannerState](t, first, "read the banner", bannerJS)
	assert.Contains(t, banner.Text, "The build failed: 2 problems", "the banner's title")
	assert.Contains(t, banner.Text, `content/x.md:12 no source supports "<b>this</b>"`, "the problem, as text")
	assert.Equal(t, []string{"content/x.md:12", "content/y.md"}, banner.Codes, "the problems' locations")
	assert.Equal(t, 1, banner.Marker, "the page was not reloaded: it is the last good build")
	assert.Equal(t, "fixed", banner.Position, "the banner lies over the page")
	assert.GreaterOrEqual(t, banner.Contrast, 7.0, "light scheme: text contrast %v (%s on %s)", banner.Contrast, banner.Color, banner.Background)
	first.emulateScheme(t, "dark")
	dark := eval[bannerState](t, first, "read the banner in the dark scheme", bannerJS)
	assert.GreaterOrEqual(t, dark.Contrast, 7.0, "dark scheme: text contrast %v (%s on %s)", dark.Contrast, dark.Color, dark.Background)
	assert.NotEqual(t, banner.Background, dark.Background, "the dark scheme has its own colours")

	late := newTab(t, "a page opened after the failure", s.url+"/", true)
	late.waitFor(t, "a page opened after the failure shows the alert", alertJS+" !== null")
	if axe := axeScript(t); axe != "" {
		// axe-core adds inline styles, which the site's CSP blocks: it
		// audits in a tab of its own that ignores the CSP.
		audit := newTab(t, "the audit", s.url+"/", false)
		audit.waitFor(t, "the audited page shows the alert", alertJS+" !== null")
		eval[bool](t, audit, "inject axe-core", axe+"\n;true")
		for _, scheme := range []string{"light", "dark"} {
			audit.emulateScheme(t, scheme)
			assert.Empty(t, eval[[]string](t, audit, "run axe-core", axeRunJS), "%s scheme: axe-core finds nothing wrong with the banner", scheme)
		}
	}

	write(t, s.root, "content/x.md", "good")
	first.waitFor(t, "the successful build reloads the page", `window.marker === undefined && document.readyState === "complete"`)
	assert.False(t, eval[bool](t, first, "look for a banner", `!!document.getElementById("dossier-build-problems")`), "no banner after the reload")
	late.waitFor(t, "the late page loses its banner too", alertJS+" === null")

	assert.Empty(t, first.errors(), "no script error or CSP violation on the first page")
	assert.Empty(t, late.errors(), "no script error or CSP violation on the late page")
}

// TestBrowserBuildErrorOverlay runs the real pipeline behind the server, on
// a small generated dossier: an edit that breaks a citation shows, over the
// page, every problem the build finds with its file:line (the locations
// derived from a check of the broken project, not written here), and the
// edit that mends it reloads the page without the overlay.
func TestBrowserBuildErrorOverlay(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	_, err := corpusgen.Write(dir, corpusgen.Options{Seeds: 5, Random: 3})
	require.NoError(t, err, "generate a dossier")
	root := filepath.Join(dir, "dossier")
	out := filepath.Join(t.TempDir(), "public")
	builder := func(ctx context.Context, _ []string) Result {
		res, err := dossierbuild.Build(ctx, dossierbuild.Options{Project: os.DirFS(root), Out: out})
		r := Result{OK: err == nil}
		for _, p := range res.Problems {
			r.Problems = append(r.Problems, p.String())
		}
		if err != nil && !errors.Is(err, dossierbuild.ErrProblems) {
			r.Problems = append(r.Problems, "build failed: "+err.Error())
		}
		return r
	}
	s := startIn(t, root, out, Options{Build: builder})

	page := newTab(t, "the briefing", s.url+"/index.html", true)
	eval[bool](t, page, "mark the page", `window.marker = 1; true`)

	const rel = "content/index.md"
	good, err := os.ReadFile(filepath.Join(root, rel))
	require.NoError(t, err)
	bad := string(good) + "\nA paragraph that cites a line no source has [@000:99999].\n"
	write(t, root, rel, bad)
	_, problems := dossierbuild.Load(context.Background(), os.DirFS(root), 0)
	var want []string
	for _, p := range problems {
		if p.Line > 0 {
			want = append(want, fmt.Sprintf("%s:%d", p.File, p.Line))
		} else {
			want = append(want, p.File)
		}
	}
	require.NotEmpty(t, want, "a check of the broken project finds problems")
	require.Contains(t, strings.Join(want, " "), rel+":", "the check names %s with a line", rel)

	page.waitFor(t, "the failed build shows the overlay", alertJS+" !== null")
	banner := eval[bannerState](t, page, "read the overlay", bannerJS)
	assert.ElementsMatch(t, want, banner.Codes, "the overlay lists every problem by file:line")
	assert.Contains(t, banner.Text, fmt.Sprintf("The build failed: %d problem", len(want)), "the overlay's title counts the problems")
	assert.Equal(t, 1, banner.Marker, "the page was not reloaded: it is the last good build")

	write(t, root, rel, string(good))
	page.waitFor(t, "the mended build reloads the page", `window.marker === undefined && document.readyState === "complete"`)
	page.waitFor(t, "the reloaded page has no overlay", `document.getElementById("dossier-build-problems") === null`)
	assert.Empty(t, page.errors(), "no script error or CSP violation")
}

// axeScript returns axe-core (axe.min.js) from $DOSSIER_AXE or the cache of
// .ci/browser-deps.sh, or "" when it is in neither.
func axeScript(t *testing.T) string {
	p := os.Getenv("DOSSIER_AXE")
	if p == "" {
		p = "../../.cache/browser/node_modules/axe-core/axe.min.js"
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Logf("axe-core not found (%v): the banner's accessibility is not audited; run `bash .ci/browser-deps.sh`", err)
		return ""
	}
	return string(data)
}

// axeRunJS audits the banner against WCAG 2 A and AA and lists the rules it
// breaks.
const axeRunJS = `axe.run({include: [["#dossier-build-problems"]]}, {runOnly: ["wcag2a", "wcag2aa"], resultTypes: ["violations"]})
	.then(r => r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.length + ")"))`

// bannerState is what bannerJS reads of the banner.
type bannerState struct {
	Text, Color, Background, Position string
	Codes                             []string
	Contrast                          float64
	Marker                            int
}

// alertJS finds the banner's alert in its shadow root, or null.
const alertJS = `((h) => h && h.shadowRoot && h.shadowRoot.querySelector("[role=alert]"))(document.getElementById("dossier-build-problems"))`

const bannerJS = `(() => {
	const a = ` + alertJS + `;
	const cs = getComputedStyle(a);
	const lum = (c) => {
		const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(v => {
			v = v / 255;
			return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [l1, l2] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
	return {
		text: a.textContent, color: cs.color, background: cs.backgroundColor,
		position: getComputedStyle(a.getRootNode().host).position,
		codes: [...a.querySelectorAll("code")].map(c => c.textContent),
		contrast: (l1 + 0.05) / (l2 + 0.05), marker: window.marker || 0,
	};
})()`
