package build

// End-to-end tests of the built dossier in headless Chromium; see
// browser_setup_test.go for how the site is built, served and opened,
// browser_pagetypes_test.go for the checks of each page type, and
// browser_search_test.go for search and citation previews. Run them alone
// with `go test -run Browser ./internal/build/`.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/linkcheck"
)

// TestBrowserPages opens one representative page of every page type in each
// of the three modes (domain root, project path, disk). On each page it
// fails on any console error, uncaught exception, CSP violation, failed
// request or request leaving the site, checks the head (title,
// Content-Security-Policy, no inline script), that the stylesheets and the
// script loaded and the main content is there, runs the checks of the
// page's type (its maps, its lists), and runs axe-core, failing on serious
// or critical violations. Each mode's pages are opened in two tabs side by
// side, half the page types each (see inHalves).
//
// The modes also differ in screen (see screens): the root mode is a desktop,
// the project path a 375 px phone and the disk a 360 px one, the narrowest
// the site supports; on the phones no page may scroll sideways.
//
// axe runs on one page per page type per mode rather than on every page: the
// pages of a type share their template, and axe takes from 0.1 s on a small
// page to several seconds on a large one. The two rules that judge colours
// (color-contrast, link-in-text-block), two thirds of axe's time, run in
// the root mode (and colour contrast in the dark scheme in
// TestBrowserDarkScheme): colours come from the stylesheets, the same in
// every mode, and each mode's check here shows that they load. The
// printable page, which holds the content of every other page (about 19,000
// elements, 5–10 s of axe here), is audited in the root mode only, by
// TestBrowserPrintAccessibility beside this test: its markup is the same in
// every mode. The link check over every page of each build is the Go one
// (internal/linkcheck), which takes a fraction of a second.
func TestBrowserPages(t *testing.T) {
	s := site(t)
	t.Parallel()
	axe := axeScript(t)
	for _, p := range s.pages {
		if p.Missing && !p.Optional {
			t.Errorf("page type %s: %s is not in the built site", p.Name, p.Path)
		}
	}
	for _, m := range s.modes() {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			rep, err := linkcheck.Check(m.Pub)
			require.NoError(t, err, "%s: link check", m.Name)
			assert.Empty(t, rep.Problems, "%s: link check of %d pages, %d links", m.Name, rep.Pages, rep.Links)

			screen := screens[m.Name]
			axeOpts := `{}`
			if m.Name != "root" {
				axeOpts = axeNoColours
			}
			inHalves(t, s.present(t), func(t *testing.T, pages []pageType) {
				tab := newTab(t)
				if screen.width > 0 {
					require.NoError(t, do(tab, chromedp.EmulateViewport(screen.width, screen.height, chromedp.EmulateMobile)), "%s: emulate a %dpx phone", m.Name, screen.width)
				}
				w := watch(t, tab, m)
				table := newAxeTable(fmt.Sprintf("%s, %s: axe-core violations in the light scheme, rules failed (elements)", m.Name, screen))
				for _, p := range pages {
					a := openPage(t, tab, w, m, p)
					checkPageBasics(t, a)
					if check := pageChecks[p.Name]; check != nil {
						check(t, a, s, p)
					}
					if screen.width > 0 {
						checkFits(t, a, screen.width)
					}
					if p.Name == "print" {
						continue // TestBrowserPrintAccessibility
					}
					table.add(p, runAxeWith(t, a, axe, "light", axeOpts))
				}
				t.Log(table)
			})
		})
	}
}

// screen is the size of the window a mode's pages are opened in.
type screen struct {
	width, height int64 // CSS pixels; a zero width is the browser's 1280×800 desktop window
}

func (s screen) String() string {
	if s.width == 0 {
		return "1280×800 desktop"
	}
	return fmt.Sprintf("%d×%d phone", s.width, s.height)
}

// screens are the windows of the modes in TestBrowserPages.
var screens = map[string]screen{"root": {}, "subpath": {375, 812}, "file": {360, 740}}

// axeNoColours leaves out the axe-core rules that judge colours.
const axeNoColours = `{rules: {"color-contrast": {enabled: false}, "link-in-text-block": {enabled: false}}}`

// inHalves runs check on every other page type of pages, and on the rest,
// as two parallel subtests: each in a tab of its own, so that two tabs work
// side by side, and no long test is left running alone at the end while the
// other core waits.
func inHalves(t *testing.T, pages []pageType, check func(t *testing.T, pages []pageType)) {
	t.Helper()
	var halves [2][]pageType
	for i, p := range pages {
		halves[i%2] = append(halves[i%2], p)
	}
	for i, half := range halves {
		t.Run(fmt.Sprint(i+1), func(t *testing.T) {
			t.Parallel()
			check(t, half)
		})
	}
}

// TestBrowserDarkScheme checks colour contrast with axe-core in the dark
// scheme on one page of every page type, in the root mode (colours do not
// depend on the mode), but for the printable page, whose colours are those
// of the other pages.
func TestBrowserDarkScheme(t *testing.T) {
	s := site(t)
	t.Parallel()
	axe := axeScript(t)
	m := s.rootMode()
	var pages []pageType
	for _, p := range s.present(t) {
		if p.Name != "print" {
			pages = append(pages, p)
		}
	}
	inHalves(t, pages, func(t *testing.T, pages []pageType) {
		tab := newTab(t)
		w := watch(t, tab, m)
		table := newAxeTable("root: axe-core colour contrast violations in the dark scheme, rules failed (elements)")
		for _, p := range pages {
			table.add(p, runAxe(t, openPage(t, tab, w, m, p), axe, "dark"))
		}
		t.Log(table)
	})
}

// TestBrowserPrintAccessibility runs axe-core on the printable page in the
// root mode (see TestBrowserPages), with every rule but the two that judge
// colours (color-contrast, link-in-text-block): they take most of the run
// on this page, and its colours are those of the other pages, where both
// rules run (colour contrast in the dark scheme too).
func TestBrowserPrintAccessibility(t *testing.T) {
	s := site(t)
	t.Parallel()
	axe := axeScript(t)
	m := s.rootMode()
	tab := newTab(t)
	w := watch(t, tab, m)
	p := s.page(t, "print")
	table := newAxeTable("root: axe-core violations in the light scheme, colour rules aside, rules failed (elements)")
	table.add(p, runAxeWith(t, openPage(t, tab, w, m, p), axe, "light", axeNoColours))
	t.Log(table)
}

// openPage opens the page p in mode m in the tab watched by w, and reports
// what the watch saw while it loaded.
func openPage(t *testing.T, tab context.Context, w *pageWatch, m mode, p pageType) at {
	t.Helper()
	a := at{tab: tab, mode: m, page: p.Name + " (" + p.Path + ")"}
	u := m.pageURL(p)
	if p.Name == "404" && m.Name != "file" {
		w.expectStatus(u, 404)
	}
	w.take() // anything left from the page before
	a.step(t, open(tab, u), "open %s", u)
	for _, msg := range w.take() {
		t.Errorf("%s: %s", a, msg)
	}
	return a
}

// axeTable is a table of axe-core violations by page and impact, for the
// test log.
type axeTable struct {
	b       strings.Builder
	started time.Time
}

func newAxeTable(title string) *axeTable {
	x := &axeTable{started: time.Now()}
	fmt.Fprintf(&x.b, "%s\n%-13s %9s %9s %9s %9s %6s  %s\n", title, "page", "critical", "serious", "moderate", "minor", "time", "file")
	return x
}

// add writes the row of page p; the time is the time since the row before.
func (x *axeTable) add(p pageType, vs []axeViolation) {
	count := map[string][2]int{}
	for _, v := range vs {
		c := count[v.Impact]
		count[v.Impact] = [2]int{c[0] + 1, c[1] + v.Nodes}
	}
	cell := func(k string) string { return fmt.Sprintf("%d (%d)", count[k][0], count[k][1]) }
	fmt.Fprintf(&x.b, "%-13s %9s %9s %9s %9s %5.1fs  %s\n", p.Name, cell("critical"), cell("serious"), cell("moderate"), cell("minor"), time.Since(x.started).Seconds(), p.Path)
	x.started = time.Now()
}

func (x *axeTable) String() string { return x.b.String() }

// pageHead is what pageBasicsJS reads from a page.
type pageHead struct {
	Title         string   `json:"title"`
	CSP           string   `json:"csp"`
	InlineScripts int      `json:"inlineScripts"`
	H1            string   `json:"h1"`
	Main          int      `json:"main"`
	Sheets        []string `json:"sheets"` // stylesheets that did not load
	Script        bool     `json:"script"` // dossier.js ran
}

const pageBasicsJS = `({
	title: document.title,
	csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || "",
	inlineScripts: document.querySelectorAll("script:not([src])").length,
	h1: (document.querySelector("main h1") || {}).textContent || "",
	main: (document.querySelector("main") || document.body).innerText.trim().length,
	sheets: [...document.querySelectorAll('link[rel="stylesheet"]')].filter(l => !l.sheet).map(l => l.href),
	script: document.documentElement.classList.contains("js"),
})`

// checkPageBasics checks what every page has.
func checkPageBasics(t *testing.T, a at) {
	t.Helper()
	head := eval[pageHead](t, a, "read the head", pageBasicsJS)
	assert.NotEmpty(t, head.Title, "%s: the page has a title", a)
	assert.Contains(t, head.CSP, "default-src 'self'", "%s: the page has a Content-Security-Policy meta", a)
	assert.Zero(t, head.InlineScripts, "%s: the page has no inline scripts", a)
	assert.NotEmpty(t, strings.TrimSpace(head.H1), "%s: the main content has an h1", a)
	assert.Greater(t, head.Main, 20, "%s: the main content has text", a)
	assert.Empty(t, head.Sheets, "%s: every stylesheet loaded", a)
	assert.True(t, head.Script, "%s: assets/dossier.js ran (it marks <html> with the class js)", a)
}

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"` // the first few elements
}

// axeRunJS runs axe-core with the options %s and returns its violations.
// preload: false keeps axe from fetching the stylesheets again (which
// file:// forbids); it reads them from the page.
const axeRunJS = `axe.run(document, Object.assign({resultTypes: ["violations"], preload: false}, %s)).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
	targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`

// runAxe injects axe-core into the page of a and runs it in the colour
// scheme named: all rules in the light scheme, colour contrast in the dark
// one. It fails the test on serious and critical violations and returns
// all of them.
func runAxe(t *testing.T, a at, axe, scheme string) []axeViolation {
	t.Helper()
	opts := `{}`
	if scheme == "dark" {
		opts = `{runOnly: ["color-contrast"]}`
	}
	return runAxeWith(t, a, axe, scheme, opts)
}

// runAxeWith is runAxe with the axe-core options opts.
func runAxeWith(t *testing.T, a at, axe, scheme, opts string) []axeViolation {
	t.Helper()
	_, err := call(a.tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	a.step(t, err, "emulate the %s colour scheme", scheme)
	eval[bool](t, a, "inject axe-core", axe+"\n;true")
	vs, err := evaluateWithin[[]axeViolation](a.tab, axeTimeout, fmt.Sprintf(axeRunJS, opts))
	a.step(t, err, "run axe-core in the %s scheme", scheme)
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: axe-core, %s scheme: %s %s: %s; %d elements, e.g. %s", a, scheme, v.Impact, v.ID, v.Help, v.Nodes, strings.Join(v.Targets, " | "))
		}
	}
	return vs
}

// TestBrowserWatchCatchesProblems shows that the page watch of
// TestBrowserPages sees each kind of problem, on fixture pages that have
// them, both over HTTP and from disk, and that axe-core, run as
// TestBrowserPages runs it, reports a page's violations.
func TestBrowserWatchCatchesProblems(t *testing.T) {
	browser(t)
	t.Parallel()
	dir, err := filepath.Abs("testdata/browser")
	require.NoError(t, err)
	srv := httptest.NewServer(staticSite(dir, "/"))
	defer srv.Close()
	file := url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}
	for _, m := range []mode{{Name: "root", Base: srv.URL + "/"}, {Name: "file", Base: file.String()}} {
		tab := newTab(t)
		w := watch(t, tab, m)
		for _, p := range []string{"bad.html", "leak.html"} {
			a := at{tab: tab, mode: m, page: p}
			a.step(t, open(tab, m.URL(p)), "open")
		}
		got := strings.Join(w.take(), "\n")
		for _, want := range []string{
			"console.error: boom.js says no",
			"uncaught exception",
			"Content Security Policy",
			"missing.png",
			"request leaves the site: http://127.0.0.1:9/elsewhere.png",
		} {
			assert.Contains(t, got, want, "%s: the watch reports %q", m.Name, want)
		}
	}

	axe := axeScript(t)
	tab := newTab(t)
	a := at{tab: tab, mode: mode{Name: "root", Base: srv.URL + "/"}, page: "inaccessible.html"}
	a.step(t, open(tab, a.mode.URL("inaccessible.html")), "open")
	eval[bool](t, a, "inject axe-core", axe+"\n;true")
	vs, err := evaluateWithin[[]axeViolation](tab, axeTimeout, fmt.Sprintf(axeRunJS, `{}`))
	a.step(t, err, "run axe-core")
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID+" ("+v.Impact+")")
	}
	assert.Subset(t, ids, []string{"image-alt (critical)", "button-name (critical)"}, "%s: axe-core reports the image without alt and the button without a name", a)
}

// TestBrowserWithoutJavaScript opens every page type with scripts turned off:
// each page has content, citations are plain links to source lines, and the
// search form leads to the search page, which lists the pages.
func TestBrowserWithoutJavaScript(t *testing.T) {
	s := site(t)
	t.Parallel()
	m := s.rootMode()
	tab := newTab(t)
	_, err := call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err, "turn scripts off")
	w := watch(t, tab, m)

	for _, p := range s.present(t) {
		a := at{tab: tab, mode: m, page: p.Name + " without JavaScript"}
		if p.Name == "404" {
			w.expectStatus(m.pageURL(p), 404)
		}
		a.step(t, open(tab, m.pageURL(p)), "open")
		n := eval[int](t, a, "measure the main text", `(document.querySelector("main") || document.body).innerText.trim().length`)
		assert.Greater(t, n, 20, "%s: the page renders its main content", a)
	}

	actor := s.page(t, "actor")
	a := at{tab: tab, mode: m, page: actor.Path + " without JavaScript"}
	a.step(t, open(tab, m.URL(actor.Path)), "open")
	cites := eval[[]citation](t, a, "read the citations", citationsJS)
	require.NotEmpty(t, cites, "%s has citations", a)
	lineLink := regexp.MustCompile(`^(\.\./)*sources/\d+/index\.html#L\d+$`)
	for _, c := range cites {
		assert.Regexp(t, lineLink, c.Href, "%s: a citation is a link to a source line", a)
	}
	a.step(t, open(tab, cites[0].URL), "follow citation %s", cites[0].Href)
	_, frag, _ := strings.Cut(cites[0].URL, "#")
	assert.True(t, eval[bool](t, a, "find the line", fmt.Sprintf(`!!document.getElementById(%q)`, frag)),
		"%s: following citation %s reaches the line", a, cites[0].Href)

	t.Run("search form", func(t *testing.T) {
		a := at{tab: tab, mode: m, page: "index.html without JavaScript"}
		a.step(t, open(tab, m.URL("index.html")), "open")
		requireSearchBox(t, a)
		_, err := run(tab, chromedp.WaitEvent(page.LoadEventFired, nil,
			chromedp.SendKeys(chromedp.ID("search"), searchQuery+"\n")))
		a.step(t, err, "press Enter in #search to submit the form")
		loc, err := run(tab, chromedp.Location())
		a.step(t, err, "read the location")
		assert.Equal(t, m.URL("search/index.html?q="+searchQuery), loc, "%s: the search form leads to the search page", a)
		links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "main a"))
		assert.Contains(t, links, m.URL("actors/"+searchActor+"/index.html"), "%s: the search page lists the actor pages", a)
		assert.Greater(t, len(links), 100, "%s: the search page lists all pages", a)
	})

	for _, msg := range w.take() {
		t.Errorf("without JavaScript: %s", msg)
	}
}

// nuTimeout bounds the run of the Nu HTML Checker, about 4 s here on an
// idle machine.
const nuTimeout = 90 * time.Second

// nuMessage is one message of the Nu HTML Checker's JSON output.
type nuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// TestBrowserNuHTMLChecker runs the Nu HTML Checker (vnu.jar) once over the
// representative page of every page type in each mode's build (the pages
// of a type share their template; checking all 400 would take the checker
// several times as long) and fails on each error, as file:line: message. A
// page that is byte for byte the same in several builds is checked once.
// The same run checks a fixture with a known error, to show errors are seen.
func TestBrowserNuHTMLChecker(t *testing.T) {
	s := site(t)
	t.Parallel()
	jar := vnuJar(t)
	fixture, err := filepath.Abs("testdata/browser/invalid.html")
	require.NoError(t, err)
	files := []string{fixture}
	same := map[string][]string{} // a file checked → the same files of other builds
	seen := map[string]string{}   // content → the file checked
	for _, m := range s.modes() {
		for _, p := range s.present(t) {
			f := filepath.Join(m.Pub, filepath.FromSlash(p.Path))
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			if first, ok := seen[string(b)]; ok {
				same[first] = append(same[first], f)
				continue
			}
			seen[string(b)] = f
			files = append(files, f)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), nuTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	// The checker runs once and briefly: the quick JIT compiler alone (with
	// the deeper stack the checker's schema then needs) and the serial
	// collector take half the CPU time of the defaults.
	args := []string{"-XX:TieredStopAtLevel=1", "-Xss16m", "-XX:+UseSerialGC", "-jar", jar, "--errors-only", "--format", "json"}
	cmd := exec.CommandContext(ctx, "java", append(args, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exit status 1 means it found errors; the JSON says which
	require.NoError(t, ctx.Err(), "the Nu HTML Checker finishes within %v", nuTimeout)
	var out struct {
		Messages []nuMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(stderr.Bytes(), &out), "vnu.jar output (run error: %v)\n%s%s", runErr, stdout.String(), stderr.String())
	siteErrors, fixtureErrors := 0, 0
	for _, msg := range out.Messages {
		if msg.Type == "info" {
			continue
		}
		name := strings.TrimPrefix(msg.URL, "file:")
		if name == fixture {
			fixtureErrors++
			assert.Equal(t, 8, msg.LastLine, "%s: the error is on line 8: %s", fixture, msg.Message)
			continue
		}
		siteErrors++
		also := ""
		for _, f := range same[name] {
			also += " " + relTo(s.dir, f)
		}
		if also != "" {
			also = "; the same file in" + also
		}
		t.Errorf("%s:%d: %s: %s (%q)%s", relTo(s.dir, name), msg.LastLine, msg.Type, msg.Message, msg.Extract, also)
	}
	assert.Positive(t, fixtureErrors, "the checker reports the error in %s", fixture)
	t.Logf("Nu HTML Checker: %d HTML files of %d page types in %d builds, %d errors", len(files)-1, len(s.present(t)), len(s.modes()), siteErrors)
}

// relTo returns name relative to dir (MODE/public/PATH for a build's file),
// or name when it is not inside dir.
func relTo(dir, name string) string {
	if rel, err := filepath.Rel(dir, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

// overflowJS measures how far the page scrolls sideways at width %d, and
// names the outermost elements that stick out.
const overflowJS = `((w) => {
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(el.classList.length ? "." + [...el.classList].join(".") : "");
	const wide = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect(), pr = el.parentElement.getBoundingClientRect();
		if (r.right > w + 1 && pr.right <= w + 1 && wide.length < 6) wide.push(name(el) + " (right edge " + Math.round(r.right) + "px)");
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide};
})(%d)`

// overflow is what overflowJS measures.
type overflow struct {
	ScrollWidth int64    `json:"scrollWidth"`
	InnerWidth  int64    `json:"innerWidth"`
	Wide        []string `json:"wide"`
}

// checkFits fails when the page of a, on a screen width CSS pixels wide,
// scrolls sideways, and names the outermost elements that stick out.
func checkFits(t *testing.T, a at, width int64) {
	t.Helper()
	got := eval[overflow](t, a, "measure the width", fmt.Sprintf(overflowJS, width))
	assert.LessOrEqual(t, got.ScrollWidth, width, "%s at %dpx: the page is %dpx wide (window %dpx); too wide: %v", a, width, got.ScrollWidth, got.InnerWidth, got.Wide)
	assert.LessOrEqual(t, got.ScrollWidth, got.InnerWidth, "%s at %dpx: scrollWidth %d <= innerWidth %d", a, width, got.ScrollWidth, got.InnerWidth)
}

// screenshots makes TestBrowserScreenshots write the README's pictures.
var screenshots = flag.Bool("screenshots", false, "write .github/readme/screenshot-home.png and .github/readme/screenshot-preview.png (also: DOSSIER_SCREENSHOTS=.github/readme)")

// TestBrowserScreenshots takes the README's screenshots at 1280×800: the home
// page, and an actor page with a citation preview open. With -screenshots or
// DOSSIER_SCREENSHOTS=.github/readme it writes them to .github/readme/; otherwise to a
// temporary folder, and checks they are PNG images of the right size.
func TestBrowserScreenshots(t *testing.T) {
	s := site(t)
	t.Parallel()
	m := s.rootMode()
	actor := s.page(t, "actor")
	dir := t.TempDir()
	if *screenshots || os.Getenv("DOSSIER_SCREENSHOTS") == ".github/readme" {
		dir = filepath.Join("..", "..", ".github", "readme")
	}
	tab := newTab(t)
	require.NoError(t, do(tab, chromedp.EmulateViewport(1280, 800)), "emulate a 1280×800 screen")

	shots := []struct {
		name, page, setup string
	}{
		{"screenshot-home.png", "index.html", ""},
		// The first citation of the body, in the upper half of the window,
		// focused as a keyboard user would: its preview is open.
		{"screenshot-preview.png", actor.Path, `(() => {
			const a = document.querySelector("main article .cite sup a") || document.querySelector(".cite sup a");
			const y = a.getBoundingClientRect().top + window.scrollY;
			if (y > 500) window.scrollTo(0, y - 250);
			a.focus({preventScroll: true});
			return true;
		})()`},
	}
	for _, shot := range shots {
		a := at{tab: tab, mode: m, page: shot.page}
		a.step(t, open(tab, m.URL(shot.page)), "open")
		if shot.setup != "" {
			eval[bool](t, a, "set up "+shot.name, shot.setup)
		}
		buf, err := run(tab, chromedp.CaptureScreenshot())
		a.step(t, err, "take %s", shot.name)
		img, err := png.Decode(bytes.NewReader(buf))
		require.NoError(t, err, "%s is a PNG image", shot.name)
		assert.Equal(t, image.Rect(0, 0, 1280, 800), img.Bounds(), "%s is 1280×800", shot.name)
		assert.Greater(t, len(buf), 10_000, "%s has content", shot.name)
		p := filepath.Join(dir, shot.name)
		require.NoError(t, os.WriteFile(p, buf, 0o644))
		t.Logf("wrote %s (%d bytes)", p, len(buf))
	}
}
