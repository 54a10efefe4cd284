package build

// The shared side of the browser tests (browser_test.go and the files beside
// it): the real dossier is built once per mode and per test binary, served,
// and opened in one headless Chromium whose tabs the tests share.
//
// The three modes are the ways a reader gets the site: at the root of a
// domain (built with -base-url at a local server's root), under a project
// path (built with -base-url http://127.0.0.1:PORT/dossier/ and served
// there), and from disk (built without a base URL, opened as file://). The
// builds differ only where the base URL is written out (404.html's <base>,
// atom.xml, sitemap.xml).
//
// The tests skip under -short. They skip with a message when Chromium,
// axe-core or the Nu checker is missing, unless DOSSIER_BROWSER=require is
// set (CI sets it): then they fail. `bash .ci/browser-deps.sh` installs all
// three; DOSSIER_AXE and DOSSIER_VNU point the tests at other copies of
// axe.min.js and vnu.jar.
//
// Every browser step (opening a tab, a navigation, a script, a key press)
// runs under its own deadline, and waits poll the page's DOM under a
// deadline: nothing sleeps and hopes.

import (
	"context"
	"encoding/json"
	"errors"
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
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/dossier-project/dossier/internal/browsertest"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

// stepTimeout bounds each browser step (a navigation, a script, a key press,
// a screenshot) on its own, so a page that never finishes loading fails its
// step instead of hanging the suite, and a slow step does not eat into the
// time of the steps after it. Steps take well under a second here (loading
// the printable page about one); the margin is for a loaded machine. axe-core
// has a deadline of its own.
const stepTimeout = 30 * time.Second

// axeTimeout bounds one run of axe-core, which takes up to 10 s on the
// printable page here, and more on a busy machine.
const axeTimeout = 60 * time.Second

// waitTimeout bounds a wait for a state of the page (search results that
// arrive, an overlay that appears); it stays below stepTimeout, so a state
// that never comes is reported as such, not as a step that timed out.
const waitTimeout = 10 * time.Second

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

// shared holds what every browser test of this binary shares: the builds of
// the site and one browser. TestMain releases both.
var shared struct {
	siteOnce sync.Once
	site     *builtSite
	siteErr  error
	browser  browsertest.Shared
}

func TestMain(m *testing.M) {
	// The tests write files and build within the same second: without
	// this no build would take a file from the input pack (packSettle;
	// TestPackTrustsOnlySettledFiles tests the settling).
	packSettle = 0
	// Every file kept by its stamp is prepared all the same, and a key
	// the stamp does not stand for fails the build (checkStamps).
	checkStamps = true
	code := m.Run()
	shared.browser.Stop()
	if shared.site != nil {
		shared.site.close()
	}
	os.Exit(code)
}

// builtSite is the real dossier built into a temporary folder once per mode,
// and the servers of the two modes that are served over HTTP.
type builtSite struct {
	dir   string // the temporary folder holding the builds
	pub   string // the build opened from disk, without a base URL
	pages []pageType
	data  siteData
	root  *httptest.Server // serves the root build at /
	sub   *httptest.Server // serves the subpath build under /dossier/
	all   []mode
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

// buildSite builds the project at the repository root once per mode, from
// scratch (no cache, so no state is shared with other tests or runs).
func buildSite() (*builtSite, error) {
	dir, err := os.MkdirTemp("", "dossier-browser-")
	if err != nil {
		return nil, err
	}
	s := &builtSite{dir: dir}
	pubRoot, pubSub := filepath.Join(dir, "root", "public"), filepath.Join(dir, "subpath", "public")
	s.pub = filepath.Join(dir, "file", "public")
	s.root = httptest.NewServer(staticSite(pubRoot, "/"))
	s.sub = httptest.NewServer(staticSite(pubSub, "/dossier/"))
	file := url.URL{Scheme: "file", Path: filepath.ToSlash(s.pub) + "/"}
	s.all = []mode{
		{Name: "root", Base: s.root.URL + "/", Pub: pubRoot},
		{Name: "subpath", Base: s.sub.URL + "/dossier/", Pub: pubSub},
		{Name: "file", Base: file.String(), Pub: s.pub},
	}
	var g errgroup.Group
	for _, m := range s.all {
		baseURL := m.Base
		if m.Name == "file" {
			baseURL = ""
		}
		g.Go(func() error {
			res, err := Build(context.Background(), Options{Project: os.DirFS("../.."), Out: m.Pub, BaseURL: baseURL})
			if err != nil {
				var problems []string
				for _, p := range res.Problems {
					problems = append(problems, p.String())
				}
				return fmt.Errorf("build for mode %s: %w\n%s", m.Name, err, strings.Join(problems, "\n"))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		s.close()
		return nil, err
	}
	if s.data, err = readSiteData(s.pub); err != nil {
		s.close()
		return nil, err
	}
	s.pages = pageTypes(s.pub, s.data)
	return s, nil
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

// siteData is the part of data/dossier.json the browser tests derive their
// expectations from.
type siteData struct {
	Sources []struct {
		ID       string `json:"id"`
		File     string `json:"file"`
		URL      string `json:"url"`
		Articles []struct {
			FirstLine int    `json:"first_line"`
			LastLine  int    `json:"last_line"`
			Title     string `json:"title"`
			Publisher string `json:"publisher"`
		} `json:"articles"`
	} `json:"sources"`
	Actors []struct {
		Slug    string   `json:"slug"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
		URL     string   `json:"url"`
	} `json:"actors"`
	Events []struct {
		Slug   string   `json:"slug"`
		Places []string `json:"places"`
		URL    string   `json:"url"`
	} `json:"events"`
	Measures []struct {
		Slug    string   `json:"slug"`
		Figures []string `json:"figures"`
		URL     string   `json:"url"`
	} `json:"measures"`
	Figures []struct {
		Slug   string  `json:"slug"`
		Title  string  `json:"title"`
		Number float64 `json:"number"`
		Value  float64 `json:"value"`
		URL    string  `json:"url"`
	} `json:"figures"`
	Disputes []struct {
		Slug string `json:"slug"`
		URL  string `json:"url"`
	} `json:"disputes"`
	Topics []struct {
		Slug string `json:"slug"`
		URL  string `json:"url"`
	} `json:"topics"`
	Places []struct {
		Slug     string   `json:"slug"`
		Name     string   `json:"name"`
		Lat      float64  `json:"lat"`
		Lon      float64  `json:"lon"`
		Mentions []string `json:"mentions"`
		URL      string   `json:"url"`
	} `json:"places"`
}

func readSiteData(pub string) (siteData, error) {
	var d siteData
	b, err := os.ReadFile(filepath.Join(pub, "data", "dossier.json"))
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return d, fmt.Errorf("data/dossier.json: %w", err)
	}
	return d, nil
}

// pageType is one kind of page of the site and the example of it the tests
// open.
type pageType struct {
	Name     string // "actor"
	Path     string // "actors/zabihullah-mujahid/index.html", relative to public/
	Optional bool   // a page type that a site may not have
	Missing  bool   // not in the built site
}

// pageTypes lists one page of each type in the built site pub, chosen from
// its data: the search tests' actor, an event with places (so it has its
// small map), the most named place, a measure with several figures, the
// shortest source of several articles. A page type whose page is not in the
// site is marked Missing.
func pageTypes(pub string, d siteData) []pageType {
	page := func(u string) string { return u + "index.html" } // data URLs end in "/"
	pick := func(urls []string, dir string) string {
		if len(urls) == 0 {
			return dir + "/(none)/index.html"
		}
		return page(urls[0])
	}
	var actor, event, place, measure, figure, dispute, topic []string
	for _, a := range d.Actors {
		if a.Slug == searchActor {
			actor = append(actor, a.URL)
		}
	}
	for _, e := range d.Events {
		if len(e.Places) > 0 {
			event = append(event, e.URL)
		}
	}
	mostNamed := -1
	for _, p := range d.Places {
		if len(p.Mentions) > mostNamed {
			place, mostNamed = []string{p.URL}, len(p.Mentions)
		}
	}
	for _, m := range d.Measures {
		if len(m.Figures) > 1 {
			measure = append(measure, m.URL)
		}
	}
	for _, f := range d.Figures {
		figure = append(figure, f.URL)
	}
	for _, x := range d.Disputes {
		dispute = append(dispute, x.URL)
	}
	for _, x := range d.Topics {
		topic = append(topic, x.URL)
	}
	// The shortest source of several articles: its page has what every
	// source page may have (article heads, boilerplate, repeats) in a
	// fraction of the lines of the longest, which axe-core takes seconds on.
	source := "sources/(none)/index.html"
	inbox := "inbox/(none)/index.html"
	shortest := -1
	for i, src := range d.Sources {
		n := len(src.Articles)
		if n < 2 || (shortest >= 0 && src.Articles[n-1].LastLine >= d.Sources[shortest].Articles[len(d.Sources[shortest].Articles)-1].LastLine) {
			continue
		}
		shortest = i
	}
	if shortest >= 0 {
		source = page(d.Sources[shortest].URL)
		inbox = "inbox/" + d.Sources[shortest].ID + "/index.html"
	}
	pages := []pageType{
		{Name: "home", Path: "index.html"},
		{Name: "about", Path: "about/index.html"},
		{Name: "actors", Path: "actors/index.html"},
		{Name: "actor", Path: pick(actor, "actors")},
		{Name: "timeline", Path: "timeline/index.html"},
		{Name: "event", Path: pick(event, "timeline")},
		{Name: "figures", Path: "figures/index.html"},
		{Name: "figure", Path: pick(figure, "figures")},
		{Name: "measure", Path: pick(measure, "measures")},
		{Name: "disputes", Path: "disputes/index.html"},
		{Name: "dispute", Path: pick(dispute, "disputes")},
		{Name: "places", Path: "places/index.html"},
		{Name: "place", Path: pick(place, "places")},
		{Name: "topics", Path: "topics/index.html"},
		{Name: "topic", Path: pick(topic, "topics")},
		{Name: "sources", Path: "sources/index.html"},
		{Name: "source", Path: source},
		{Name: "inbox", Path: "inbox/index.html"},
		{Name: "inbox-source", Path: inbox},
		{Name: "search", Path: "search/index.html"},
		{Name: "print", Path: "print/index.html"},
		{Name: "404", Path: "404.html"},
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
	Pub  string // the build this mode opens
}

// URL returns the address of the file rel (relative to public/) in this mode.
func (m mode) URL(rel string) string { return m.Base + rel }

// pageURL returns the address at which the reader meets the page p: the
// not-found page is met at a missing address two folders deep (where its
// links still have to work), except from disk, where nothing serves it.
func (m mode) pageURL(p pageType) string {
	if p.Name == "404" && m.Name != "file" {
		return m.URL("no/such/page.html")
	}
	return m.URL(p.Path)
}

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
func (s *builtSite) modes() []mode { return slices.Clone(s.all) }

// rootMode returns the site served at the root of a domain.
func (s *builtSite) rootMode() mode { return s.all[0] }

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
		browsertest.Missing(t, "axe-core not found (.cache/browser/node_modules/axe-core/axe.min.js or $DOSSIER_AXE)")
	}
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

// vnuJar returns the path of the Nu HTML Checker, and needs java.
func vnuJar(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		browsertest.Missing(t, "java not found; the Nu HTML Checker needs it")
	}
	p := cachedTool("DOSSIER_VNU", "vnu-jar/build/dist/vnu.jar")
	if p == "" {
		browsertest.Missing(t, "vnu.jar not found (.cache/browser/node_modules/vnu-jar/build/dist/vnu.jar or $DOSSIER_VNU)")
	}
	return p
}

// browser returns the headless Chromium shared by the tests of this binary.
//
// Its proxy is a closed port on the loopback interface: Chromium never sends
// loopback requests through a proxy, so the test servers are reached, and
// any request for another host fails in the browser instead of leaving the
// machine. The page watch reports such requests by their address.
func browser(t *testing.T) context.Context {
	t.Helper()
	return shared.browser.Browser(t,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.WindowSize(1280, 800),
	)
}

// newTab opens a tab in the shared browser that closes when the test ends.
// The tab has a window of its own, so tabs can work side by side.
func newTab(t *testing.T) context.Context {
	t.Helper()
	tab, closeTab := chromedp.NewContext(browser(t))
	t.Cleanup(closeTab)
	// The first Do attaches the tab, and the tab's message loop lives as
	// long as the context given to it: that must be tab itself, not a
	// context with a deadline (which would end the loop when the step ends).
	err := browsertest.Within(browsertest.StartTimeout, func() error { return chromedp.Do(tab) }, closeTab)
	require.NoError(t, err, "open a tab")
	return tab
}

// pageWatch collects what goes wrong while a tab loads and runs a page:
// console errors, uncaught exceptions, browser log errors (CSP violations
// among them), failed requests, HTTP errors and requests leaving the site.
// It also adds up the bytes the tab loads.
type pageWatch struct {
	mu       sync.Mutex
	mode     mode
	urls     map[network.RequestID]string
	problems []string
	bytes    map[string]int64 // body bytes received per URL, since the last takeBytes
	expect   map[string]int64 // URLs whose HTTP status is expected (the 404 page)
}

// watch starts collecting the problems of the tab for the site in mode m.
func watch(t *testing.T, tab context.Context, m mode) *pageWatch {
	t.Helper()
	w := &pageWatch{mode: m, urls: map[network.RequestID]string{}, bytes: map[string]int64{}, expect: map[string]int64{}}
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
			if e.Source == log.EntrySourceNetwork && w.expect[e.URL] != 0 {
				return
			}
			w.add("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		w.urls[ev.RequestID] = u
		if !w.mode.inside(u) {
			w.add("request leaves the site: %s", u)
		}
	case *network.EventDataReceived:
		w.bytes[w.urls[ev.RequestID]] += ev.DataLength
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return // a request of a page left before it ended, not a failure
		}
		w.add("request failed: %s: %s%s", w.urls[ev.RequestID], ev.ErrorText, blocked(ev.BlockedReason))
	case *network.EventResponseReceived:
		if s := ev.Response.Status; s >= 400 && w.expect[ev.Response.URL] != s {
			w.add("HTTP %d for %s", s, ev.Response.URL)
		}
	}
}

// expectStatus tells the watch that the address u answers with status.
func (w *pageWatch) expectStatus(u string, status int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.expect[u] = status
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

// takeBytes returns the body bytes loaded per URL since the last call.
func (w *pageWatch) takeBytes() map[string]int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	b := w.bytes
	w.bytes = map[string]int64{}
	return b
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

// evaluateWithin is evaluate with a deadline of its own.
func evaluateWithin[T any](tab context.Context, d time.Duration, js string) (T, error) {
	ctx, cancel := context.WithTimeout(tab, d)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// errWaited is returned by waitFor when the state did not come in time.
var errWaited = errors.New("the page did not get there in time")

// waitFor polls the JavaScript condition cond in the page until it is
// true, for at most waitTimeout (browsertest.Poll).
func waitFor(tab context.Context, cond string) error {
	ok, err := evaluate[bool](tab, browsertest.Poll(cond, waitTimeout))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w (%v): %s", errWaited, waitTimeout, cond)
	}
	return nil
}

// at is one page opened in a tab in one mode: the place a step runs, named
// in every failure message.
type at struct {
	tab  context.Context
	mode mode
	page string // the page's name or path, as failure messages show it
}

func (a at) String() string { return a.mode.Name + ": " + a.page }

// step fails the test with a message naming the mode, the page and the
// step when err is not nil.
func (a at) step(t *testing.T, err error, step string, args ...any) {
	t.Helper()
	require.NoError(t, err, "%s: %s", a, fmt.Sprintf(step, args...))
}

// eval evaluates js in the page of a as the step named step, and fails the
// test with a message naming mode, page and step when it cannot.
func eval[T any](t *testing.T, a at, step, js string) T {
	t.Helper()
	v, err := evaluate[T](a.tab, js)
	a.step(t, err, "%s", step)
	return v
}

// waitFor waits until the JavaScript condition cond holds in the page of
// a (see waitFor), and fails the test with a message naming mode, page and
// what was awaited when it does not.
func (a at) waitFor(t *testing.T, what, cond string) {
	t.Helper()
	a.step(t, waitFor(a.tab, cond), "wait until %s", what)
}
