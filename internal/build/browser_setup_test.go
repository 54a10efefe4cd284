package build

// The shared side of the browser tests (browser_test.go): the real dossier is
// built once per test binary, served in three modes, and opened in one
// headless Chromium whose tabs the tests share.
//
// The tests skip with a message when Chromium, axe-core or the Nu checker is
// missing, unless DOSSIER_BROWSER=require is set (CI sets it): then they fail.
// `bash .ci/browser-deps.sh` installs all three; DOSSIER_AXE and
// DOSSIER_VNU point the tests at other copies of axe.min.js and vnu.jar.

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// stepTimeout bounds each browser step (a navigation, a script, a key press,
// a screenshot) on its own, so a page that never finishes loading fails its
// step instead of hanging the suite, and a slow step on a loaded machine
// does not eat into the time of the steps after it.
const stepTimeout = 90 * time.Second

// do, run and call are chromedp.Do, Run and Call with a step's own deadline.
func do(tab context.Context, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

func run[T any](tab context.Context, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

func call[P, R any](tab context.Context, cmd cdp.Command[P, R], params P) (R, error) {
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	return chromedp.Call(ctx, cmd, params)
}

// shared holds what every browser test of this binary shares: one build of
// the site and one browser. TestMain releases both.
var shared struct {
	siteOnce    sync.Once
	site        *builtSite
	siteErr     error
	browserOnce sync.Once
	browser     context.Context
	stop        context.CancelFunc
	browserErr  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	if shared.site != nil {
		shared.site.close()
	}
	os.Exit(code)
}

// builtSite is the real dossier built into a temporary folder and served over
// HTTP at the root of one server and under /dossier/ on another.
type builtSite struct {
	dir   string // the temporary folder holding public/
	pub   string // the built site
	pages []pageType
	root  *httptest.Server
	sub   *httptest.Server
}

func (s *builtSite) close() {
	s.root.Close()
	s.sub.Close()
	os.RemoveAll(s.dir)
}

// site returns the dossier built once for this test binary.
func site(t *testing.T) *builtSite {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	shared.siteOnce.Do(func() { shared.site, shared.siteErr = buildSite() })
	require.NoError(t, shared.siteErr, "build the real dossier")
	return shared.site
}

func buildSite() (*builtSite, error) {
	dir, err := os.MkdirTemp("", "dossier-browser-")
	if err != nil {
		return nil, err
	}
	pub := filepath.Join(dir, "public")
	if _, problems, err := buildAt("../..", pub, ""); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%v\n%s", err, problems)
	}
	return &builtSite{
		dir:   dir,
		pub:   pub,
		pages: pageTypes(pub),
		root:  httptest.NewServer(staticSite(pub, "/")),
		sub:   httptest.NewServer(staticSite(pub, "/dossier/")),
	}, nil
}

// staticSite serves the folder pub under prefix the way a static host does:
// a folder means its index.html, a missing file gets 404.html with status 404,
// and so does every path outside prefix. Unlike http.FileServer it does not
// redirect …/index.html to …/, so the URLs in the browser are the ones the
// site links to.
func staticSite(pub, prefix string) http.Handler {
	fsys := os.DirFS(pub)
	notFound := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		b, _ := fs.ReadFile(fsys, "404.html")
		w.Write(b)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			notFound(w)
			return
		}
		name := path.Clean("/" + rest)[1:]
		if name == "" {
			name = "."
		}
		if info, err := fs.Stat(fsys, name); err == nil && info.IsDir() {
			name = path.Join(name, "index.html")
		}
		f, err := fsys.Open(name)
		if err != nil {
			notFound(w)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			notFound(w)
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), f.(io.ReadSeeker))
	})
}

// pageType is one kind of page of the site and the example of it the tests
// open.
type pageType struct {
	Name     string // "actor"
	Path     string // "actors/zabihullah-mujahid/index.html", relative to public/
	Optional bool   // a page type that a site may not have yet (inbox)
	Missing  bool   // not in the built site
}

// pageTypes lists one page of each type in the built site pub. A page type
// whose folder has no page is marked Missing.
func pageTypes(pub string) []pageType {
	first := func(dir, prefer string) string {
		if _, err := os.Stat(filepath.Join(pub, dir, prefer, "index.html")); prefer != "" && err == nil {
			return path.Join(dir, prefer, "index.html")
		}
		entries, _ := os.ReadDir(filepath.Join(pub, dir))
		for _, e := range entries { // sorted by name
			if _, err := os.Stat(filepath.Join(pub, dir, e.Name(), "index.html")); e.IsDir() && err == nil {
				return path.Join(dir, e.Name(), "index.html")
			}
		}
		return path.Join(dir, "(none)", "index.html")
	}
	pages := []pageType{
		{Name: "home", Path: "index.html"},
		{Name: "about", Path: "about/index.html"},
		{Name: "actors", Path: "actors/index.html"},
		{Name: "actor", Path: first("actors", searchActor)},
		{Name: "timeline", Path: "timeline/index.html"},
		{Name: "event", Path: first("timeline", "")},
		{Name: "figures", Path: "figures/index.html"},
		{Name: "figure", Path: first("figures", "")},
		{Name: "topics", Path: "topics/index.html"},
		{Name: "topic", Path: first("topics", "")},
		{Name: "sources", Path: "sources/index.html"},
		{Name: "source", Path: first("sources", "000")},
		{Name: "search", Path: "search/index.html"},
		{Name: "print", Path: "print/index.html"},
		{Name: "404", Path: "404.html"},
		{Name: "inbox", Path: "inbox/index.html", Optional: true},
	}
	for i, p := range pages {
		if _, err := os.Stat(filepath.Join(pub, p.Path)); err != nil {
			pages[i].Missing = true
		}
	}
	return pages
}

// present returns the page types the site has, and logs the ones it lacks.
func (s *builtSite) present(t *testing.T) []pageType {
	t.Helper()
	var have []pageType
	var lack []string
	for _, p := range s.pages {
		if p.Missing {
			if !p.Optional {
				lack = append(lack, p.Name+" ("+p.Path+")")
			}
			continue
		}
		have = append(have, p)
	}
	if len(lack) > 0 {
		t.Logf("not built, so not checked here: %s", strings.Join(lack, ", "))
	}
	return have
}

// page returns the example of the page type name; the test fails when the
// site lacks it.
func (s *builtSite) page(t *testing.T, name string) pageType {
	t.Helper()
	for _, p := range s.pages {
		if p.Name == name {
			require.False(t, p.Missing, "page type %s: %s is not in the built site", name, p.Path)
			return p
		}
	}
	t.Fatalf("no page type %q", name)
	return pageType{}
}

// mode is one way of opening the site: at a domain root, under a project
// path, or from disk.
type mode struct {
	Name string
	Base string // the URL of public/, ending in "/"
}

// URL returns the address of the file rel (relative to public/) in this mode.
func (m mode) URL(rel string) string { return m.Base + rel }

// inside reports whether a request to u stays within the site in this mode:
// the same server (or, from disk, another file), or inline data.
func (m mode) inside(u string) bool {
	if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
		return true
	}
	if m.Name == "file" {
		return strings.HasPrefix(u, "file:")
	}
	b, _ := url.Parse(m.Base)
	v, err := url.Parse(u)
	return err == nil && v.Scheme == b.Scheme && v.Host == b.Host
}

// modes returns the three ways the site must work.
func (s *builtSite) modes() []mode {
	file := url.URL{Scheme: "file", Path: filepath.ToSlash(s.pub) + "/"}
	return []mode{
		{Name: "root", Base: s.root.URL + "/"},
		{Name: "subpath", Base: s.sub.URL + "/dossier/"},
		{Name: "file", Base: file.String()},
	}
}

// rootMode returns the site served at the root of a domain.
func (s *builtSite) rootMode() mode { return s.modes()[0] }

// chromiumPath finds a Chromium or Chrome on PATH.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// toolMissing skips the test, or fails it when DOSSIER_BROWSER=require.
func toolMissing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("DOSSIER_BROWSER") == "require" {
		t.Fatalf("%s (DOSSIER_BROWSER=require)", msg)
	}
	t.Skipf("%s; run `bash .ci/browser-deps.sh` to install it, and set DOSSIER_BROWSER=require to make this a failure", msg)
}

// cachedTool returns the file named by the environment variable env, or else
// rel inside the cache folder of .ci/browser-deps.sh, if it exists.
func cachedTool(env, rel string) string {
	p := os.Getenv(env)
	if p == "" {
		p = filepath.Join("..", "..", ".cache", "browser", "node_modules", filepath.FromSlash(rel))
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// axeScript returns the source of axe-core.
func axeScript(t *testing.T) string {
	t.Helper()
	p := cachedTool("DOSSIER_AXE", "axe-core/axe.min.js")
	if p == "" {
		toolMissing(t, "axe-core not found (.cache/browser/node_modules/axe-core/axe.min.js or $DOSSIER_AXE)")
	}
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

// vnuJar returns the path of the Nu HTML Checker, and needs java.
func vnuJar(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		toolMissing(t, "java not found; the Nu HTML Checker needs it")
	}
	p := cachedTool("DOSSIER_VNU", "vnu-jar/build/dist/vnu.jar")
	if p == "" {
		toolMissing(t, "vnu.jar not found (.cache/browser/node_modules/vnu-jar/build/dist/vnu.jar or $DOSSIER_VNU)")
	}
	return p
}

// browser returns the headless Chromium shared by the tests of this binary.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	exe := chromiumPath()
	if exe == "" {
		toolMissing(t, "no chromium on PATH")
	}
	shared.browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.WindowSize(1280, 800),
		)
		actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, stopBrowser := chromedp.NewContext(actx)
		shared.stop = func() { stopBrowser(); stopAlloc() }
		shared.browser = bctx
		shared.browserErr = chromedp.Do(bctx) // starts the browser
	})
	require.NoError(t, shared.browserErr, "start %s", exe)
	return shared.browser
}

// newTab opens a tab in the shared browser that closes when the test ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	tab, closeTab := chromedp.NewContext(browser(t))
	t.Cleanup(closeTab)
	require.NoError(t, do(tab), "open a tab")
	return tab
}

// pageWatch collects what goes wrong while a tab loads and runs a page:
// console errors, uncaught exceptions, browser log errors (CSP violations
// among them), failed requests, HTTP errors and requests leaving the site.
type pageWatch struct {
	mu       sync.Mutex
	mode     mode
	urls     map[network.RequestID]string
	problems []string
}

// watch starts collecting the problems of the tab for the site in mode m.
func watch(t *testing.T, tab context.Context, m mode) *pageWatch {
	t.Helper()
	w := &pageWatch{mode: m, urls: map[network.RequestID]string{}}
	require.NoError(t, chromedp.Listen(tab, w.event))
	return w
}

// event runs in the tab's message loop, in the order the browser sent the
// events; it must return fast.
func (w *pageWatch) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			w.add("console.%s: %s", ev.Type, remoteText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		w.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			w.add("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		w.urls[ev.RequestID] = u
		if !w.mode.inside(u) {
			w.add("request leaves the site: %s", u)
		}
	case *network.EventLoadingFailed:
		w.add("request failed: %s: %s%s", w.urls[ev.RequestID], ev.ErrorText, blocked(ev.BlockedReason))
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			w.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	}
}

func blocked(r network.BlockedReason) string {
	if r == "" {
		return ""
	}
	return " (blocked: " + string(r) + ")"
}

func (w *pageWatch) add(format string, args ...any) {
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

// take returns the problems collected so far and starts afresh.
func (w *pageWatch) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.problems
	w.problems = nil
	return p
}

// remoteText formats console arguments the way a console shows them.
func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// open navigates the tab to u and waits until the page has loaded and its
// scripts have run their first turn.
func open(tab context.Context, u string) error {
	if err := do(tab, chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("open %s: %w", u, err)
	}
	// One more round trip, so the events sent before it have been handled.
	_, err := run(tab, chromedp.Evaluate[bool](`document.readyState === "complete"`))
	return err
}

// evaluate runs a JavaScript expression in the tab and decodes its result;
// a promise is awaited.
func evaluate[T any](tab context.Context, js string) (T, error) {
	return run(tab, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}
