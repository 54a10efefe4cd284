package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrowserLiveReload runs reload.js in headless Chromium, on a page under
// the site's Content-Security-Policy: a failed build shows its problems in
// an alert over the page, readable in the light and dark schemes, also on a
// page opened after the failure; the next successful build reloads the page
// and the banner is gone. No script error or CSP violation may occur. It is
// skipped with -short or without Chromium (DOSSIER_BROWSER=require makes
// that a failure).
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test; run without -short")
	}
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if os.Getenv("DOSSIER_BROWSER") == "require" {
			t.Fatal("no chromium on PATH (DOSSIER_BROWSER=require)")
		}
		t.Skip("no chromium on PATH; run `bash .ci/browser-deps.sh` to install it")
	}

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

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1024, 768))
	actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer stopAlloc()
	bctx, stopBrowser := chromedp.NewContext(actx)
	defer stopBrowser()
	bctx, cancel := context.WithTimeout(bctx, time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Do(bctx), "start %s", exe)

	var mu sync.Mutex
	var errs []string
	// newTab opens the site's home page in a new tab; watched, the tab's
	// errors are collected, else the tab ignores the CSP.
	newTab := func(watched bool) context.Context {
		tab, closeTab := chromedp.NewContext(bctx)
		t.Cleanup(closeTab)
		if !watched {
			require.NoError(t, chromedp.Do(tab))
			_, err := chromedp.Call(tab, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
			require.NoError(t, err)
		}
		require.NoError(t, chromedp.Listen(tab, func(ev any) {
			if !watched {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			switch ev := ev.(type) {
			case *runtime.EventExceptionThrown:
				errs = append(errs, "exception: "+ev.ExceptionDetails.Text)
			case *runtime.EventConsoleAPICalled:
				if ev.Type == runtime.ConsoleAPICalledTypeError {
					errs = append(errs, "console.error")
				}
			case *log.EventEntryAdded:
				if ev.Entry.Level == log.EntryLevelError {
					errs = append(errs, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
				}
			}
		}))
		require.NoError(t, chromedp.Do(tab, chromedp.Navigate(s.url+"/")))
		require.True(t, eval[bool](t, tab, waitFor(`document.readyState === "complete"`)), "the page loads")
		return tab
	}

	tab := newTab(true)
	eval[bool](t, tab, `window.marker = 1; true`)
	assert.False(t, eval[bool](t, tab, `!!document.getElementById("dossier-build-problems")`), "no banner after a successful build")

	results <- Result{Problems: []string{`content/x.md:12: no source supports "<b>this</b>"`, "content/y.md: unknown key"}}
	write(t, s.root, "content/x.md", "bad")
	require.True(t, eval[bool](t, tab, waitFor(alertJS+" !== null")), "a failed build shows an alert")
	banner := eval[bannerState](t, tab, bannerJS)
	assert.Contains(t, banner.Text, "The build failed: 2 problems", "the banner's title")
	assert.Contains(t, banner.Text, `content/x.md:12 no source supports "<b>this</b>"`, "the problem, as text")
	assert.Equal(t, []string{"content/x.md:12", "content/y.md"}, banner.Codes, "the problems' locations")
	assert.Equal(t, 1, banner.Marker, "the page was not reloaded: it is the last good build")
	assert.Equal(t, "fixed", banner.Position, "the banner lies over the page")
	assert.GreaterOrEqual(t, banner.Contrast, 7.0, "light scheme: text contrast %v (%s on %s)", banner.Contrast, banner.Color, banner.Background)
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
	require.NoError(t, err)
	dark := eval[bannerState](t, tab, bannerJS)
	assert.GreaterOrEqual(t, dark.Contrast, 7.0, "dark scheme: text contrast %v (%s on %s)", dark.Contrast, dark.Color, dark.Background)
	assert.NotEqual(t, banner.Background, dark.Background, "the dark scheme has its own colours")

	late := newTab(true)
	require.True(t, eval[bool](t, late, waitFor(alertJS+" !== null")), "a page opened after the failure shows the alert")
	if axe := axeScript(t); axe != "" {
		// axe-core adds inline styles, which the site's CSP blocks: it
		// audits in a tab of its own that ignores the CSP.
		audit := newTab(false)
		require.True(t, eval[bool](t, audit, waitFor(alertJS+" !== null")))
		eval[bool](t, audit, axe+"\n;true")
		for _, scheme := range []string{"light", "dark"} {
			_, err := chromedp.Call(audit, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			require.NoError(t, err)
			assert.Empty(t, eval[[]string](t, audit, axeRunJS), "%s scheme: axe-core finds nothing wrong with the banner", scheme)
		}
	}

	write(t, s.root, "content/x.md", "good")
	require.True(t, eval[bool](t, tab, waitFor(`window.marker === undefined && document.readyState === "complete"`)),
		"the successful build reloads the page")
	assert.False(t, eval[bool](t, tab, `!!document.getElementById("dossier-build-problems")`), "no banner after the reload")
	require.True(t, eval[bool](t, late, waitFor(alertJS+" === null")), "the late page loses its banner too")

	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, errs, "no script error or CSP violation")
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

// waitFor returns a script that waits until the expression is true and
// resolves true, or resolves false after ten seconds.
func waitFor(expr string) string {
	return `new Promise((resolve) => {
		const until = Date.now() + 10000;
		const poll = () => {
			let ok = false;
			try { ok = ` + expr + `; } catch (e) {}
			if (ok) resolve(true); else if (Date.now() > until) resolve(false); else setTimeout(poll, 20);
		};
		poll();
	})`
}

// eval runs a script in the tab and decodes its result. A reload in between
// destroys the script's context; it is then run again on the new page.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	var err error
	for range 20 {
		var v T
		v, err = chromedp.Run(tab, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
		if err == nil {
			return v
		}
		if msg := err.Error(); !strings.Contains(msg, "context") && !strings.Contains(msg, "navigated") {
			break
		}
	}
	require.NoError(t, err, "evaluate %s", js)
	var zero T
	return zero
}
