package build

// End-to-end tests of the built dossier in headless Chromium; see
// browser_setup_test.go for how the site is built, served and opened.
// Run them alone with `go test -run Browser ./cmd/dossier/`.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"maps"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// searchActor is the actor the search and citation tests look for;
// searchQuery is part of its name.
const (
	searchActor = "zabihullah-mujahid"
	searchQuery = "Mujah"
)

// TestBrowserPagesLoad opens every page type at a domain root, under
// /dossier/ and from disk, and fails on any console error, uncaught
// exception, CSP violation, failed request or request leaving the site.
func TestBrowserPagesLoad(t *testing.T) {
	s := site(t)
	for _, m := range s.modes() {
		t.Run(m.Name, func(t *testing.T) {
			tab := newTab(t)
			w := watch(t, tab, m)
			loaded := 0
			for _, p := range s.pages {
				if p.Missing {
					if !p.Optional {
						t.Errorf("%s: page type %s: %s is not in the built site", m.Name, p.Name, p.Path)
					}
					continue
				}
				require.NoError(t, open(tab, m.URL(p.Path)), "%s: page %s", m.Name, p.Path)
				for _, msg := range w.take() {
					t.Errorf("%s: %s (%s): %s", m.Name, p.Name, p.Path, msg)
				}
				head, err := evaluate[pageHead](tab, pageHeadJS)
				require.NoError(t, err)
				assert.NotEmpty(t, head.Title, "%s: %s has a title", m.Name, p.Path)
				assert.Contains(t, head.CSP, "default-src 'self'", "%s: %s has a Content-Security-Policy meta", m.Name, p.Path)
				assert.Zero(t, head.InlineScripts, "%s: %s has no inline scripts", m.Name, p.Path)
				loaded++
			}
			t.Logf("%s: %d page types loaded", m.Name, loaded)
		})
	}
}

// pageHead is what pageHeadJS reads from a page.
type pageHead struct {
	Title         string `json:"title"`
	CSP           string `json:"csp"`
	InlineScripts int    `json:"inlineScripts"`
}

const pageHeadJS = `({
	title: document.title,
	csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || "",
	inlineScripts: document.querySelectorAll("script:not([src])").length,
})`

// TestBrowserWatchCatchesProblems shows that the page watch of
// TestBrowserPagesLoad sees each kind of problem, on fixture pages that
// have them, both over HTTP and from disk.
func TestBrowserWatchCatchesProblems(t *testing.T) {
	dir, err := filepath.Abs("testdata/browser")
	require.NoError(t, err)
	srv := httptest.NewServer(staticSite(dir, "/"))
	defer srv.Close()
	file := url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}
	for _, m := range []mode{{Name: "root", Base: srv.URL + "/"}, {Name: "file", Base: file.String()}} {
		tab := newTab(t)
		w := watch(t, tab, m)
		require.NoError(t, open(tab, m.URL("bad.html")))
		require.NoError(t, open(tab, m.URL("leak.html")))
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
}

// TestBrowserSearch types part of an actor's name into the search box of the
// home page in every mode: the actor's page is among the results as you
// type, the match is marked, and "/" focuses the box. The search page runs
// the query from ?q= too.
func TestBrowserSearch(t *testing.T) {
	s := site(t)
	for _, m := range s.modes() {
		t.Run(m.Name, func(t *testing.T) {
			tab := newTab(t)
			w := watch(t, tab, m)
			want := m.URL("actors/" + searchActor + "/index.html")

			require.NoError(t, open(tab, m.URL("index.html")))
			requireSearchBox(t, tab, m.Name+": index.html")
			require.NoError(t, do(tab, pressSlash))
			focus, err := evaluate[focusState](tab, `({id: document.activeElement ? document.activeElement.id : "", value: (document.getElementById("search") || {}).value || ""})`)
			require.NoError(t, err)
			assert.Equal(t, "search", focus.ID, "%s: pressing / on the home page focuses the search box", m.Name)
			assert.Empty(t, focus.Value, "%s: the / that focuses the box is not typed into it", m.Name)

			err = do(tab, chromedp.SendKeys(chromedp.ID("search"), searchQuery))
			require.NoError(t, err, "%s: type into #search", m.Name)
			checkSearchResult(t, tab, m.Name+": typing "+searchQuery, want)

			require.NoError(t, open(tab, m.URL("search/index.html?q="+searchQuery)))
			checkSearchResult(t, tab, m.Name+": search/index.html?q="+searchQuery, want)

			for _, msg := range w.take() {
				t.Errorf("%s: search: %s", m.Name, msg)
			}
		})
	}
}

// requireSearchBox stops the test unless the page has the search form of
// every page, so that typing into it fails fast instead of waiting.
func requireSearchBox(t *testing.T, tab context.Context, what string) {
	t.Helper()
	ok, err := evaluate[bool](tab, `!!document.querySelector('form[role="search"] input[type="search"]#search[name="q"]')`)
	require.NoError(t, err)
	require.True(t, ok, `%s: the page has <form role="search"> with <input type="search" id="search" name="q">`, what)
}

// pressSlash presses "/" as a keyboard does: one keydown carrying the text,
// then keyup. (chromedp.KeyEvent sends the text as a separate char event,
// which a page's preventDefault on keydown cannot stop.)
func pressSlash(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		ev := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		if typ == input.DispatchKeyEventTypeKeyDown {
			ev.Text, ev.UnmodifiedText = "/", "/"
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev); err != nil {
			return chromedp.Void{}, err
		}
	}
	return chromedp.Void{}, nil
}

type focusState struct {
	ID    string `json:"id"`
	Value string `json:"value"`
}

// checkSearchResult waits for a link to want among the results (the list
// #search-results under the box, or the search page's own list of results)
// and checks that the query is marked in its result.
func checkSearchResult(t *testing.T, tab context.Context, what, want string) {
	t.Helper()
	type result struct {
		Count int      `json:"count"`
		Found bool     `json:"found"`
		Marks []string `json:"marks"`
		Hrefs []string `json:"hrefs"`
	}
	js := fmt.Sprintf(`(() => {
		const links = [...document.querySelectorAll("#search-results a, #search-page-results a")];
		const a = links.find(a => a.href === %q);
		const marks = a ? [...(a.closest("li") || a).querySelectorAll("mark")].map(m => m.textContent) : [];
		return {count: links.length, found: !!a, marks: marks, hrefs: links.slice(0, 5).map(a => a.href)};
	})()`, want)
	var r result
	deadline := time.Now().Add(5 * time.Second)
	for {
		var err error
		r, err = evaluate[result](tab, js)
		require.NoError(t, err, what)
		if r.Found || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !assert.True(t, r.Found, "%s: the search results link to %s; they have %d links, first %v", what, want, r.Count, r.Hrefs) {
		return
	}
	marked := false
	for _, m := range r.Marks {
		marked = marked || strings.Contains(strings.ToLower(m), strings.ToLower(searchQuery))
	}
	assert.True(t, marked, "%s: the result for %s marks %q in <mark>; marks: %q", what, want, searchQuery, r.Marks)
}

// citation is one citation on a page, as the page shows it.
type citation struct {
	Href  string `json:"href"`  // as written in the page
	URL   string `json:"url"`   // resolved
	TipID string `json:"tipID"` // the link's aria-describedby
	Quote string `json:"quote"` // the text of the tip's <q>
}

const citationsJS = `[...document.querySelectorAll(".cite")].map(c => {
	const a = c.querySelector("sup a"), tip = c.querySelector(".tip"), q = tip && tip.querySelector("q");
	return {href: a ? a.getAttribute("href") : "", url: a ? a.href : "",
		tipID: a ? a.getAttribute("aria-describedby") || "" : "", quote: q ? q.textContent : ""};
})`

// shownJS reports whether the element with the id %q is visible.
const shownJS = `((id) => {
	const el = document.getElementById(id);
	if (!el) return false;
	const s = getComputedStyle(el), r = el.getBoundingClientRect();
	return s.display !== "none" && s.visibility !== "hidden" && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0;
})(%q)`

func shown(t *testing.T, tab context.Context, id string) bool {
	t.Helper()
	ok, err := evaluate[bool](tab, fmt.Sprintf(shownJS, id))
	require.NoError(t, err)
	return ok
}

// TestBrowserCitationPreview checks the preview of the first citation on an
// actor page: hidden at first, shown on hover and on keyboard focus, hidden
// again by Escape, shown by a first tap on a touch screen without leaving
// the page. Then it checks that every preview on the page quotes the start
// of the cited line as the source viewer shows it.
func TestBrowserCitationPreview(t *testing.T) {
	s := site(t)
	m := s.rootMode()
	actor := s.page(t, "actor")
	tab := newTab(t)
	w := watch(t, tab, m)
	require.NoError(t, open(tab, m.URL(actor.Path)))
	cites, err := evaluate[[]citation](tab, citationsJS)
	require.NoError(t, err)
	require.NotEmpty(t, cites, "%s has citations", actor.Path)
	first := cites[0]
	require.NotEmpty(t, first.TipID, "%s: the first citation link has aria-describedby", actor.Path)
	link := chromedp.CSS(".cite sup a")

	assert.False(t, shown(t, tab, first.TipID), "%s: the preview #%s is hidden at first", actor.Path, first.TipID)

	t.Run("hover", func(t *testing.T) {
		require.NoError(t, do(tab, chromedp.ScrollIntoView(link)))
		box, err := evaluate[[]float64](tab, `(() => { const r = document.querySelector(".cite sup a").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
		require.NoError(t, err)
		require.NoError(t, do(tab, chromedp.MouseEvent(chromedp.MouseMoved, box[0], box[1])))
		assert.True(t, shown(t, tab, first.TipID), "%s: hovering the first citation shows #%s", actor.Path, first.TipID)
		require.NoError(t, do(tab, chromedp.MouseEvent(chromedp.MouseMoved, 1, 1)))
		assert.False(t, shown(t, tab, first.TipID), "%s: moving the mouse away hides #%s", actor.Path, first.TipID)
	})

	t.Run("focus", func(t *testing.T) {
		require.NoError(t, do(tab, chromedp.Focus(link)))
		assert.True(t, shown(t, tab, first.TipID), "%s: focusing the first citation shows #%s", actor.Path, first.TipID)
		require.NoError(t, do(tab, chromedp.KeyEvent(kb.Escape)))
		assert.False(t, shown(t, tab, first.TipID), "%s: Escape hides #%s", actor.Path, first.TipID)
	})

	t.Run("touch", func(t *testing.T) {
		touch := newTab(t)
		require.NoError(t, do(touch,
			chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch),
			chromedp.Navigate(m.URL(actor.Path)),
			chromedp.Tap(link)))
		time.Sleep(300 * time.Millisecond) // room for a navigation the tap should not start
		loc, err := run(touch, chromedp.Location())
		require.NoError(t, err)
		assert.Equal(t, m.URL(actor.Path), loc, "%s: a first tap on a citation stays on the page", actor.Path)
		assert.True(t, shown(t, touch, first.TipID), "%s: a first tap on a citation shows #%s", actor.Path, first.TipID)
	})

	t.Run("quotes", func(t *testing.T) {
		checkQuotes(t, tab, actor.Path, cites)
	})

	for _, msg := range w.take() {
		t.Errorf("citation preview: %s", msg)
	}
}

// checkQuotes opens each cited source page once and checks that each
// citation's preview quotes the start of its line (or lines, for a range),
// allowing "…" where the preview shortens it.
func checkQuotes(t *testing.T, tab context.Context, page string, cites []citation) {
	t.Helper()
	bySource := map[string][]citation{}
	for _, c := range cites {
		doc, frag, ok := strings.Cut(c.URL, "#")
		if !assert.True(t, ok && strings.HasPrefix(frag, "L"), "%s: citation %s links to a line (#LN)", page, c.Href) {
			continue
		}
		bySource[doc] = append(bySource[doc], c)
	}
	checked := 0
	for _, doc := range slices.Sorted(maps.Keys(bySource)) {
		require.NoError(t, open(tab, doc))
		for _, c := range bySource[doc] {
			_, frag, _ := strings.Cut(c.URL, "#")
			// The line and the five after it, for quotes of a range.
			text, err := evaluate[string](tab, fmt.Sprintf(`(() => {
				const text = (el) => ((el.querySelector(".cl") || el).textContent);
				let el = document.getElementById(%q), out = [];
				if (!el) return "";
				const n = parseInt(el.id.slice(1), 10);
				for (let i = n; i < n + 6; i++) { const l = document.getElementById("L" + i); if (l) out.push(text(l)); }
				return out.join(" ");
			})()`, frag))
			require.NoError(t, err)
			if !assert.NotEmpty(t, text, "%s: citation %s: %s has a line #%s", page, c.Href, doc, frag) {
				continue
			}
			assert.NotEmpty(t, strings.TrimSpace(c.Quote), "%s: citation %s has a quote", page, c.Href)
			assert.True(t, quotes(c.Quote, text), "%s: the preview of citation %s quotes the start of the line\npreview: %q\nline:    %q", page, c.Href, c.Quote, text)
			checked++
		}
	}
	t.Logf("%s: %d citation previews match their source lines", page, checked)
}

// quotes reports whether quote, shortened with "…" anywhere, quotes the
// start of line; white space and quote marks do not count.
func quotes(quote, line string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	line = norm(line)
	rest := line
	for i, part := range strings.Split(quote, "…") {
		part = norm(part)
		if part == "" {
			continue
		}
		at := strings.Index(rest, part)
		if at < 0 || (i == 0 && at != 0) {
			return false
		}
		rest = rest[at+len(part):]
	}
	return len(rest) < len(line)
}

// TestBrowserWithoutJavaScript opens every page type with scripts turned off:
// each page has content, citations are plain links to source lines, and the
// search form leads to the search page, which lists the pages.
func TestBrowserWithoutJavaScript(t *testing.T) {
	s := site(t)
	m := s.rootMode()
	tab := newTab(t)
	_, err := call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err)
	w := watch(t, tab, m)

	for _, p := range s.present(t) {
		require.NoError(t, open(tab, m.URL(p.Path)))
		n, err := evaluate[int](tab, `(document.querySelector("main") || document.body).innerText.trim().length`)
		require.NoError(t, err)
		assert.Greater(t, n, 20, "%s renders its main content without JavaScript", p.Path)
	}

	actor := s.page(t, "actor")
	require.NoError(t, open(tab, m.URL(actor.Path)))
	cites, err := evaluate[[]citation](tab, citationsJS)
	require.NoError(t, err)
	require.NotEmpty(t, cites, "%s has citations", actor.Path)
	lineLink := regexp.MustCompile(`^(\.\./)*sources/\d+/index\.html#L\d+$`)
	for _, c := range cites {
		assert.Regexp(t, lineLink, c.Href, "%s: citation is a link to a source line", actor.Path)
	}
	require.NoError(t, open(tab, cites[0].URL))
	_, frag, _ := strings.Cut(cites[0].URL, "#")
	found, err := evaluate[bool](tab, fmt.Sprintf(`!!document.getElementById(%q)`, frag))
	require.NoError(t, err)
	assert.True(t, found, "%s: following citation %s reaches the line", actor.Path, cites[0].Href)

	t.Run("search form", func(t *testing.T) {
		require.NoError(t, open(tab, m.URL("index.html")))
		requireSearchBox(t, tab, "index.html without JavaScript")
		ctx, cancel := context.WithTimeout(tab, 10*time.Second)
		defer cancel()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
			chromedp.SendKeys(chromedp.ID("search"), searchQuery+"\n")))
		require.NoError(t, err, "pressing Enter in #search submits the form")
		loc, err := run(tab, chromedp.Location())
		require.NoError(t, err)
		assert.Equal(t, m.URL("search/index.html?q="+searchQuery), loc, "the search form leads to the search page")
		links, err := evaluate[[]string](tab, `[...document.querySelectorAll("main a")].map(a => a.href)`)
		require.NoError(t, err)
		assert.Contains(t, links, m.URL("actors/"+searchActor+"/index.html"), "without JavaScript the search page lists the actor pages")
		assert.Greater(t, len(links), 100, "without JavaScript the search page lists all pages")
	})

	for _, msg := range w.take() {
		t.Errorf("without JavaScript: %s", msg)
	}
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
const axeRunJS = `axe.run(document, %s).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
	targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`

// TestBrowserAccessibility injects axe-core into every page type and fails on
// serious or critical violations, in the light scheme and, for colour
// contrast, in the dark one. It logs a table of all violations per page.
func TestBrowserAccessibility(t *testing.T) {
	s := site(t)
	axe := axeScript(t)
	m := s.rootMode()
	tab := newTab(t)
	var table strings.Builder
	fmt.Fprintf(&table, "axe-core violations: rules failed (elements); dark = colour contrast in the dark scheme\n%-9s %9s %9s %9s %9s %9s %6s  %s\n", "page", "critical", "serious", "moderate", "minor", "dark", "time", "file")
	total := map[string]int{}
	for _, p := range s.present(t) {
		started := time.Now()
		counts := map[string]int{}
		for _, scheme := range []string{"light", "dark"} {
			_, err := call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			require.NoError(t, err)
			require.NoError(t, open(tab, m.URL(p.Path)))
			_, err = evaluate[bool](tab, axe+"\n;true")
			require.NoError(t, err, "inject axe-core into %s", p.Path)
			opts := `{resultTypes: ["violations"]}`
			if scheme == "dark" {
				opts = `{runOnly: ["color-contrast"], resultTypes: ["violations"]}`
			}
			vs, err := evaluate[[]axeViolation](tab, fmt.Sprintf(axeRunJS, opts))
			require.NoError(t, err, "run axe-core on %s", p.Path)
			for _, v := range vs {
				key := v.Impact
				if scheme == "dark" {
					key = "dark"
				}
				counts[key]++
				counts[key+" nodes"] += v.Nodes
				total[v.Impact]++
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s (%s scheme): %s %s: %s; %d elements, e.g. %s", p.Path, scheme, v.Impact, v.ID, v.Help, v.Nodes, strings.Join(v.Targets, " | "))
				}
			}
		}
		cell := func(k string) string { return fmt.Sprintf("%d (%d)", counts[k], counts[k+" nodes"]) }
		fmt.Fprintf(&table, "%-9s %9s %9s %9s %9s %9s %5.1fs  %s\n", p.Name, cell("critical"), cell("serious"), cell("moderate"), cell("minor"), cell("dark"), time.Since(started).Seconds(), p.Path)
	}
	_, err := call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	require.NoError(t, err)
	t.Log(table.String())
	t.Logf("axe-core total: %v", total)
}

// nuMessage is one message of the Nu HTML Checker's JSON output.
type nuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// TestBrowserNuHTMLChecker runs the Nu HTML Checker (vnu.jar) once over every
// HTML file of the built site and fails on each error, as file:line: message.
// The same run checks a fixture with a known error, to show errors are seen.
func TestBrowserNuHTMLChecker(t *testing.T) {
	s := site(t)
	jar := vnuJar(t)
	var files []string
	err := filepath.WalkDir(s.pub, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	require.NoError(t, err)
	for _, p := range s.present(t) {
		assert.Contains(t, files, filepath.Join(s.pub, p.Path), "the checker sees page type %s", p.Name)
	}
	fixture, err := filepath.Abs("testdata/browser/invalid.html")
	require.NoError(t, err)

	var stdout, stderr bytes.Buffer
	cmd := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "json", fixture}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exit status 1 means it found errors; the JSON says which
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
		if rel, err := filepath.Rel(s.pub, name); err == nil {
			name = rel
		}
		t.Errorf("%s:%d: %s: %s (%q)", name, msg.LastLine, msg.Type, msg.Message, msg.Extract)
	}
	assert.Positive(t, fixtureErrors, "the checker reports the error in %s", fixture)
	t.Logf("Nu HTML Checker: %d HTML files, %d errors", len(files), siteErrors)
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

// TestBrowserNarrowScreens opens every page type on a phone-sized screen,
// 375 and 360 CSS pixels wide, and fails when a page scrolls sideways.
func TestBrowserNarrowScreens(t *testing.T) {
	s := site(t)
	m := s.rootMode()
	tab := newTab(t)
	pages := s.present(t)
	for _, width := range []int64{375, 360} {
		require.NoError(t, do(tab, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)))
		for _, p := range pages {
			require.NoError(t, open(tab, m.URL(p.Path)))
			got, err := evaluate[overflow](tab, fmt.Sprintf(overflowJS, width))
			require.NoError(t, err)
			assert.LessOrEqual(t, got.ScrollWidth, width, "%s at %dpx: the page is %dpx wide (window %dpx); too wide: %v", p.Path, width, got.ScrollWidth, got.InnerWidth, got.Wide)
			assert.LessOrEqual(t, got.ScrollWidth, got.InnerWidth, "%s at %dpx: scrollWidth %d <= innerWidth %d", p.Path, width, got.ScrollWidth, got.InnerWidth)
		}
	}
}

// screenshots makes TestBrowserScreenshots write the README's pictures.
var screenshots = flag.Bool("screenshots", false, "write .github/readme/screenshot-home.png and .github/readme/screenshot-preview.png (also: DOSSIER_SCREENSHOTS=.github/readme)")

// TestBrowserScreenshots takes the README's screenshots at 1280×800: the home
// page, and an actor page with a citation preview open. With -screenshots or
// DOSSIER_SCREENSHOTS=.github/readme it writes them to .github/readme/; otherwise to a
// temporary folder, and checks they are PNG images of the right size.
func TestBrowserScreenshots(t *testing.T) {
	s := site(t)
	m := s.rootMode()
	actor := s.page(t, "actor")
	dir := t.TempDir()
	if *screenshots || os.Getenv("DOSSIER_SCREENSHOTS") == ".github/readme" {
		dir = filepath.Join("..", "..", ".github", "readme")
	}
	tab := newTab(t)
	require.NoError(t, do(tab, chromedp.EmulateViewport(1280, 800)))

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
		require.NoError(t, open(tab, m.URL(shot.page)))
		if shot.setup != "" {
			_, err := evaluate[bool](tab, shot.setup)
			require.NoError(t, err, "%s: set up %s", shot.page, shot.name)
		}
		buf, err := run(tab, chromedp.CaptureScreenshot())
		require.NoError(t, err, "screenshot of %s", shot.page)
		img, err := png.Decode(bytes.NewReader(buf))
		require.NoError(t, err, "%s is a PNG image", shot.name)
		assert.Equal(t, image.Rect(0, 0, 1280, 800), img.Bounds(), "%s is 1280×800", shot.name)
		assert.Greater(t, len(buf), 10_000, "%s has content", shot.name)
		path := filepath.Join(dir, shot.name)
		require.NoError(t, os.WriteFile(path, buf, 0o644))
		t.Logf("wrote %s (%d bytes)", path, len(buf))
	}
}
