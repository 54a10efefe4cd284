package build

// Browser tests of what the site's script does: search as you type, the
// search page, and citation previews. See browser_setup_test.go for how the
// site is built, served and opened.

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
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

// maxSearchBytes bounds what one query costs a reader from disk: the page,
// its assets and the search index files the query loads.
const maxSearchBytes = 500_000

// hit is one search result as the page shows it.
type hit struct {
	Href  string   `json:"href"`  // resolved
	Title string   `json:"title"` // the result's title
	Kind  string   `json:"kind"`  // its label, such as "Actor"
	Text  string   `json:"text"`  // the whole result as shown
	Marks []string `json:"marks"` // the marked words
}

// hitsJS reads the results of the list %q.
const hitsJS = `[...document.querySelectorAll(%q)].map(li => {
	const a = li.querySelector("a");
	return {href: a ? a.href : "", title: (li.querySelector(".title") || {}).textContent || "",
		kind: (li.querySelector(".kind") || {}).textContent || "", text: li.innerText,
		marks: [...li.querySelectorAll("mark")].map(m => m.textContent)};
})`

const (
	boxHits  = "#search-results > li"
	pageHits = "#search-page-results > li"
)

// TestBrowserSearch searches the dossier in every mode, the modes side by
// side in tabs of their own, and derives what it expects from the built
// site's data: "/" focuses the box; typing "2,414" finds the figure of that
// value; typing "Muj" and then "ah" updates the results to the actor whose
// name has "Mujah", marked; ArrowDown moves the focus into the results; the
// search page runs ?q=said and shows at most 50 results, each source line
// named by its article (title, outlet), never by file name or number. From
// disk, one query loads at most maxSearchBytes in all.
func TestBrowserSearch(t *testing.T) {
	s := site(t)
	t.Parallel()
	var figures []string
	for _, f := range s.data.Figures {
		if f.Value == 2414 || f.Number == 2414 {
			figures = append(figures, f.URL+"index.html")
		}
	}
	require.NotEmpty(t, figures, "data/dossier.json has a figure of 2,414")
	var actors []string
	for _, a := range s.data.Actors {
		if strings.Contains(strings.ToLower(a.Name), strings.ToLower(searchQuery)) {
			actors = append(actors, a.URL+"index.html")
		}
	}
	require.NotEmpty(t, actors, "data/dossier.json has an actor named %s…", searchQuery)
	said := 0
	word := regexp.MustCompile(`(?i)\bsaid\b`)
	for _, doc := range searchDocs(t, s.pub) {
		if word.MatchString(strings.Join(doc, " ")) {
			said++
		}
	}
	require.Greater(t, said, 50, "more than 50 documents of the index say \"said\", so the page must cut the list")

	for _, m := range s.modes() {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			tab := newTab(t)
			w := watch(t, tab, m)
			a := at{tab: tab, mode: m, page: "index.html"}
			a.step(t, open(tab, m.URL("index.html")), "open")
			requireSearchBox(t, a)

			a.step(t, do(tab, pressSlash), "press /")
			a.waitFor(t, "pressing / focuses the search box", `document.activeElement === document.getElementById("search")`)
			value := eval[string](t, a, "read the search box", `document.getElementById("search").value`)
			assert.Empty(t, value, "%s: the / that focuses the box is not typed into it", a)

			typed := func(q string) {
				a.step(t, do(tab, chromedp.SendKeys(chromedp.ID("search"), q)), "type %q into #search", q)
			}
			typed("2,414")
			wanted := urls(m, figures)
			waitHits(t, a, "typing 2,414", boxHits, fmt.Sprintf(`[...document.querySelectorAll("#search-results a")].some(a => %s.includes(a.href))`, jsList(wanted)))

			eval[bool](t, a, "clear #search", `(() => { const i = document.getElementById("search"); i.value = ""; i.dispatchEvent(new Event("input")); return true; })()`)
			typed("Muj")
			waitHits(t, a, "typing Muj", boxHits, `[...document.querySelectorAll("#search-results mark")].some(m => m.textContent.toLowerCase() === "muj")`)
			typed("ah")
			wanted = urls(m, actors)
			hits := waitHits(t, a, "typing Muj, then ah", boxHits, fmt.Sprintf(`document.getElementById("search").value === "Mujah" &&
				[...document.querySelectorAll("#search-results mark")].some(m => m.textContent.toLowerCase() === "mujah") &&
				%s.includes((document.querySelector("#search-results a") || {}).href)`, jsList(wanted)))
			assert.Contains(t, hits[0].Marks, searchQuery, "%s: the first result marks %q", a, searchQuery)

			a.step(t, do(tab, chromedp.KeyEvent(kb.ArrowDown)), "press ArrowDown in #search")
			a.waitFor(t, "ArrowDown moves the focus to the first result", `document.activeElement === document.querySelector("#search-results a")`)

			a = at{tab: tab, mode: m, page: "search/index.html?q=said"}
			a.step(t, open(tab, m.URL("search/index.html?q=said")), "open")
			hits = waitHits(t, a, "the search page", pageHits, `document.querySelectorAll("#search-page-results > li").length > 0`)
			assert.Equal(t, min(50, said), len(hits), "%s: the page shows the first 50 of the %d results or more", a, said)
			checkSourceHits(t, a, s, hits)

			for _, msg := range w.take() {
				t.Errorf("%s: search: %s", m.Name, msg)
			}
		})
	}

	t.Run("bytes", func(t *testing.T) {
		t.Parallel()
		var m mode
		for _, x := range s.modes() {
			if x.Name == "file" {
				m = x
			}
		}
		tab := newTab(t)
		w := watch(t, tab, m)
		for _, q := range []string{"said", "2,414", searchQuery} {
			a := at{tab: tab, mode: m, page: "search/index.html?q=" + q}
			a.step(t, open(tab, "about:blank"), "start afresh")
			w.takeBytes()
			a.step(t, open(tab, m.URL("search/index.html?q="+q)), "open")
			waitHits(t, a, "the search page", pageHits, `document.querySelectorAll("#search-page-results > li").length > 0`)
			// One round trip more, so that every byte received has been counted.
			eval[bool](t, a, "settle", "true")
			got := w.takeBytes()
			total := int64(0)
			var lines []string
			for _, u := range slices.Sorted(maps.Keys(got)) {
				total += got[u]
				lines = append(lines, fmt.Sprintf("%8d %s", got[u], strings.TrimPrefix(u, m.Base)))
			}
			t.Logf("%s: %d bytes in %d files:\n%s", a, total, len(got), strings.Join(lines, "\n"))
			assert.LessOrEqual(t, total, int64(maxSearchBytes), "%s: one query loads at most %d bytes from disk", a, maxSearchBytes)
			assert.Greater(t, total, int64(10_000), "%s: the bytes loaded are counted", a)
		}
		for _, msg := range w.take() {
			t.Errorf("file: search: %s", msg)
		}
	})
}

// urls returns the addresses of the site's files rels in mode m.
func urls(m mode, rels []string) []string {
	var out []string
	for _, r := range rels {
		out = append(out, m.URL(r))
	}
	return out
}

// jsList writes strings as a JavaScript array.
func jsList(ss []string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	b.WriteString("]")
	return b.String()
}

// waitHits waits until cond holds in the page, then returns the results of
// the list sel; when it never holds, the test fails with the results shown.
func waitHits(t *testing.T, a at, what, sel, cond string) []hit {
	t.Helper()
	err := waitFor(a.tab, cond)
	hits := eval[[]hit](t, a, "read the results", fmt.Sprintf(hitsJS, sel))
	if err != nil {
		var shown []string
		for _, h := range hits {
			shown = append(shown, h.Href+" "+h.Title+" "+fmt.Sprint(h.Marks))
		}
		status := eval[string](t, a, "read the status", `[...document.querySelectorAll('[role="status"]')].map(s => s.textContent).join(" | ")`)
		require.NoError(t, err, "%s: %s: the results are not as expected; status %q; shown:\n%s", a, what, status, strings.Join(shown, "\n"))
	}
	return hits
}

var sourceLine = regexp.MustCompile(`sources/(\d+)/index\.html#L(\d+)$`)

// checkSourceHits checks that the results that are source lines name their
// article as data/dossier.json does (title, and outlet when known), and
// never show the source's file name, its number, or the word "seed".
func checkSourceHits(t *testing.T, a at, s *builtSite, hits []hit) {
	t.Helper()
	n := 0
	for _, h := range hits {
		m := sourceLine.FindStringSubmatch(h.Href)
		if m == nil {
			continue
		}
		n++
		var line int
		fmt.Sscan(m[2], &line)
		for _, src := range s.data.Sources {
			if src.ID != m[1] {
				continue
			}
			assert.NotContains(t, h.Text, src.File, "%s: the result for %s shows no file name", a, h.Href)
			assert.NotRegexp(t, `\b`+src.ID+`\b`, h.Title+" "+h.Kind, "%s: the result for %s does not name the source by number", a, h.Href)
			for _, art := range src.Articles {
				if line < art.FirstLine || line > art.LastLine {
					continue
				}
				assert.Contains(t, h.Title, art.Title, "%s: the result for %s is named by its article's title", a, h.Href)
				if art.Publisher != "" {
					assert.Contains(t, h.Title+" "+h.Kind, art.Publisher, "%s: the result for %s names its article's outlet", a, h.Href)
				}
			}
		}
		assert.NotRegexp(t, `(?i)\bseeds?\b`, h.Title+" "+h.Kind, "%s: the result for %s does not speak of seeds", a, h.Href)
	}
	assert.Positive(t, n, "%s: some results are source lines", a)
}

// requireSearchBox stops the test unless the page has the search form of
// every page, so that typing into it fails fast instead of waiting.
func requireSearchBox(t *testing.T, a at) {
	t.Helper()
	ok := eval[bool](t, a, "find the search box", `!!document.querySelector('form[role="search"] input[type="search"]#search[name="q"]')`)
	require.True(t, ok, `%s: the page has <form role="search"> with <input type="search" id="search" name="q">`, a)
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

// shownJS is true when the element with the id %q is visible.
const shownJS = `((id) => {
	const el = document.getElementById(id);
	if (!el) return false;
	const s = getComputedStyle(el), r = el.getBoundingClientRect();
	return s.display !== "none" && s.visibility !== "hidden" && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0;
})(%q)`

func shown(t *testing.T, a at, id string) bool {
	t.Helper()
	return eval[bool](t, a, "see whether #"+id+" is shown", fmt.Sprintf(shownJS, id))
}

// TestBrowserCitationPreview checks the preview of the first citation on an
// actor page: hidden at first, shown on hover and on keyboard focus, hidden
// again by Escape, shown by a first tap on a touch screen without leaving
// the page. Then it checks that every preview on the page quotes the start
// of the cited line as the source viewer shows it.
func TestBrowserCitationPreview(t *testing.T) {
	s := site(t)
	t.Parallel()
	m := s.rootMode()
	actor := s.page(t, "actor")
	tab := newTab(t)
	w := watch(t, tab, m)
	a := at{tab: tab, mode: m, page: actor.Path}
	a.step(t, open(tab, m.URL(actor.Path)), "open")
	cites := eval[[]citation](t, a, "read the citations", citationsJS)
	require.NotEmpty(t, cites, "%s has citations", a)
	first := cites[0]
	require.NotEmpty(t, first.TipID, "%s: the first citation link has aria-describedby", a)
	link := chromedp.CSS(".cite sup a")

	tip := fmt.Sprintf(shownJS, first.TipID)
	assert.False(t, shown(t, a, first.TipID), "%s: the preview #%s is hidden at first", a, first.TipID)

	t.Run("hover", func(t *testing.T) {
		a.step(t, do(tab, chromedp.ScrollIntoView(link)), "scroll to the first citation")
		box := eval[[]float64](t, a, "find the first citation", `(() => { const r = document.querySelector(".cite sup a").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
		a.step(t, do(tab, chromedp.MouseEvent(chromedp.MouseMoved, box[0], box[1])), "move the mouse over the first citation")
		a.waitFor(t, "hovering the first citation shows #"+first.TipID, tip)
		a.step(t, do(tab, chromedp.MouseEvent(chromedp.MouseMoved, 1, 1)), "move the mouse away")
		a.waitFor(t, "moving the mouse away hides #"+first.TipID, "!"+tip)
	})

	t.Run("focus", func(t *testing.T) {
		a.step(t, do(tab, chromedp.Focus(link)), "focus the first citation")
		a.waitFor(t, "focusing the first citation shows #"+first.TipID, tip)
		a.step(t, do(tab, chromedp.KeyEvent(kb.Escape)), "press Escape")
		a.waitFor(t, "Escape hides #"+first.TipID, "!"+tip)
	})

	t.Run("touch", func(t *testing.T) {
		touch := newTab(t)
		a := at{tab: touch, mode: m, page: actor.Path + " on a touch screen"}
		a.step(t, do(touch, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch)), "emulate a phone")
		a.step(t, open(touch, m.URL(actor.Path)), "open")
		// The last listener of a click (on window, bubbling) records whether
		// the page stopped the link from being followed; a tap that is
		// followed would navigate away after it.
		eval[bool](t, a, "listen to clicks", `window.addEventListener("click", (ev) => { window.testTapFollowed = !ev.defaultPrevented; }); true`)
		a.step(t, do(touch, chromedp.Tap(link)), "tap the first citation")
		a.step(t, waitFor(touch, `window.testTapFollowed !== undefined`), "wait for the tap's click")
		assert.False(t, eval[bool](t, a, "read the click", `window.testTapFollowed`), "%s: a first tap on a citation does not follow the link", a)
		loc, err := run(touch, chromedp.Location())
		a.step(t, err, "read the location")
		assert.Equal(t, m.URL(actor.Path), loc, "%s: a first tap on a citation stays on the page", a)
		a.waitFor(t, "a first tap on a citation shows #"+first.TipID, tip)
	})

	t.Run("quotes", func(t *testing.T) {
		checkQuotes(t, a, cites)
	})

	for _, msg := range w.take() {
		t.Errorf("citation preview: %s", msg)
	}
}

// checkQuotes opens each cited source page once and checks that each
// citation's preview quotes the start of its line (or lines, for a range),
// allowing "…" where the preview shortens it.
func checkQuotes(t *testing.T, a at, cites []citation) {
	t.Helper()
	bySource := map[string][]citation{}
	for _, c := range cites {
		doc, frag, ok := strings.Cut(c.URL, "#")
		if !assert.True(t, ok && strings.HasPrefix(frag, "L"), "%s: citation %s links to a line (#LN)", a, c.Href) {
			continue
		}
		bySource[doc] = append(bySource[doc], c)
	}
	checked := 0
	for _, doc := range slices.Sorted(maps.Keys(bySource)) {
		src := at{tab: a.tab, mode: a.mode, page: doc}
		src.step(t, open(a.tab, doc), "open")
		for _, c := range bySource[doc] {
			_, frag, _ := strings.Cut(c.URL, "#")
			// The line and the five after it, for quotes of a range.
			text := eval[string](t, src, "read line "+frag, fmt.Sprintf(`(() => {
				const text = (el) => ((el.querySelector(".cl") || el).textContent);
				let el = document.getElementById(%q), out = [];
				if (!el) return "";
				const n = parseInt(el.id.slice(1), 10);
				for (let i = n; i < n + 6; i++) { const l = document.getElementById("L" + i); if (l) out.push(text(l)); }
				return out.join(" ");
			})()`, frag))
			if !assert.NotEmpty(t, text, "%s: citation %s: %s has a line #%s", a, c.Href, doc, frag) {
				continue
			}
			assert.NotEmpty(t, strings.TrimSpace(c.Quote), "%s: citation %s has a quote", a, c.Href)
			assert.True(t, quotes(c.Quote, text), "%s: the preview of citation %s quotes the start of the line\npreview: %q\nline:    %q", a, c.Href, c.Quote, text)
			checked++
		}
	}
	t.Logf("%s: %d citation previews match their source lines", a, checked)
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
		pos := strings.Index(rest, part)
		if pos < 0 || (i == 0 && pos != 0) {
			return false
		}
		rest = rest[pos+len(part):]
	}
	return len(rest) < len(line)
}
