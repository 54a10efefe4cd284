package build

// The checks of TestBrowserPages (browser_test.go) for each page type: its
// maps, read from the screen and the accessibility tree, and its lists,
// against the built site's data.

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageChecks are the checks of one page type, run on its page p in every
// mode after the checks every page gets.
var pageChecks = map[string]func(t *testing.T, a at, s *builtSite, p pageType){
	"home":         checkLocatorMap("the briefing's locator map", nil),
	"event":        checkEventMap,
	"place":        checkPlaceMap,
	"places":       checkPlacesMap,
	"measure":      checkMeasure,
	"disputes":     checkDisputes,
	"dispute":      checkDispute,
	"sources":      checkSources,
	"inbox-source": checkInboxSource,
	"404":          check404,
}

// marker is a place on a drawn map, as the reader's screen shows it.
type marker struct {
	Href      string  `json:"href"` // resolved
	X         float64 `json:"x"`    // the centre of its circle or arrow, in CSS pixels
	Y         float64 `json:"y"`
	Highlight bool    `json:"highlight"` // the page's own places
}

// mapJS reads the markers of the first visible map matching the selector %q
// (a page may hold a wide and a narrow map, one of them hidden).
const mapJS = `((sel) => {
	const svg = [...document.querySelectorAll(sel)].find(s => { const r = s.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
	if (!svg) return null;
	document.querySelectorAll("[data-test-visible]").forEach(e => delete e.dataset.testVisible);
	svg.dataset.testVisible = "1";
	return [...svg.querySelectorAll("a")].map(a => {
		const r = (a.querySelector("circle, path") || a).getBoundingClientRect();
		return {href: a.href.baseVal !== undefined ? new URL(a.href.baseVal, document.baseURI).href : a.href,
			x: r.x + r.width / 2, y: r.y + r.height / 2, highlight: a.classList.contains("hl")};
	});
})(%q)`

// readMap returns the markers of the visible map matching sel, and the
// accessible names of its links as the browser computes them.
func readMap(t *testing.T, a at, what, sel string) ([]marker, []string) {
	t.Helper()
	ms := eval[[]marker](t, a, "read the markers of "+what, fmt.Sprintf(mapJS, sel))
	require.NotNil(t, ms, "%s: %s: a visible %s", a, what, sel)
	svg, err := run(a.tab, chromedp.Evaluate[*runtime.RemoteObject](`document.querySelector("[data-test-visible]")`))
	a.step(t, err, "find %s", what)
	ax, err := call(a.tab, accessibility.QueryAXTree, accessibility.QueryAXTreeParams{ObjectID: svg.ObjectID, Role: "link"})
	a.step(t, err, "read the accessibility tree of %s", what)
	var names []string
	for _, n := range ax.Nodes {
		name := ""
		if n.Name != nil {
			json.Unmarshal(n.Name.Value, &name)
		}
		if !n.Ignored {
			names = append(names, name)
		}
	}
	return ms, names
}

// placeOf returns the name of the place of the data whose page is at href.
func (s *builtSite) placeOf(m mode, href string) (name string, ok bool) {
	for _, p := range s.data.Places {
		if href == m.URL(p.URL+"index.html") {
			return p.Name, true
		}
	}
	return "", false
}

// checkMarkers checks that every marker links to a place page of the data
// and has an accessible name that names the place.
func checkMarkers(t *testing.T, a at, s *builtSite, what string, ms []marker, names []string) {
	t.Helper()
	assert.Len(t, names, len(ms), "%s: %s: every marker is a link in the accessibility tree", a, what)
	for _, m := range ms {
		name, ok := s.placeOf(a.mode, m.Href)
		if !assert.True(t, ok, "%s: %s: marker %s links to a place page of data/dossier.json", a, what, m.Href) {
			continue
		}
		named := false
		for _, n := range names {
			named = named || strings.HasPrefix(n, name)
		}
		assert.True(t, named, "%s: %s: the marker of %s has an accessible name starting with its name; names: %q", a, what, name, names)
	}
}

// checkLocatorMap returns a check of the visible locator map of a page: its
// markers link to places, each with an accessible name, and the page's own
// places (the slugs of want, when not nil) are the highlighted ones.
func checkLocatorMap(what string, want func(s *builtSite, p pageType) []string) func(t *testing.T, a at, s *builtSite, p pageType) {
	return func(t *testing.T, a at, s *builtSite, p pageType) {
		t.Helper()
		ms, names := readMap(t, a, what, "svg.map.locator")
		require.NotEmpty(t, ms, "%s: %s has markers", a, what)
		checkMarkers(t, a, s, what, ms, names)
		if want == nil {
			return
		}
		var got, wanted []string
		for _, m := range ms {
			if m.Highlight {
				got = append(got, m.Href)
			}
		}
		for _, slug := range want(s, p) {
			wanted = append(wanted, a.mode.URL("places/"+slug+"/index.html"))
		}
		assert.ElementsMatch(t, wanted, got, "%s: %s highlights the page's places", a, what)
	}
}

// checkEventMap checks the small map of an event page: it highlights the
// event's places.
func checkEventMap(t *testing.T, a at, s *builtSite, p pageType) {
	t.Helper()
	checkLocatorMap("the event's map", func(s *builtSite, p pageType) []string {
		for _, e := range s.data.Events {
			if p.Path == e.URL+"index.html" {
				return e.Places
			}
		}
		return []string{"(no event for " + p.Path + ")"}
	})(t, a, s, p)
}

// checkPlaceMap checks the map of a place page: it highlights the place.
func checkPlaceMap(t *testing.T, a at, s *builtSite, p pageType) {
	t.Helper()
	checkLocatorMap("the place's map", func(s *builtSite, p pageType) []string {
		for _, pl := range s.data.Places {
			if p.Path == pl.URL+"index.html" {
				return []string{pl.Slug}
			}
		}
		return []string{"(no place for " + p.Path + ")"}
	})(t, a, s, p)
}

// checkPlacesMap checks the map of the places index: at least ten linked
// markers with accessible names, placed as the places lie (Kabul west and
// north of Islamabad, Doha south-west of both, whether drawn on the map or
// as an arrow toward it), positions read from the screen.
func checkPlacesMap(t *testing.T, a at, s *builtSite, _ pageType) {
	t.Helper()
	ms, names := readMap(t, a, "the places map", "svg.map")
	assert.GreaterOrEqual(t, len(ms), 10, "%s: the places map has at least ten markers", a)
	checkMarkers(t, a, s, "the places map", ms, names)
	byName := map[string]marker{}
	for _, m := range ms {
		if name, ok := s.placeOf(a.mode, m.Href); ok {
			byName[name] = m
		}
	}
	kabul, ok1 := byName["Kabul"]
	islamabad, ok2 := byName["Islamabad"]
	doha, ok3 := byName["Doha"]
	require.True(t, ok1 && ok2 && ok3, "%s: the places map has markers for Kabul, Islamabad and Doha; it has %v", a, byName)
	assert.Less(t, kabul.X, islamabad.X, "%s: Kabul is drawn west of Islamabad", a)
	assert.Less(t, kabul.Y, islamabad.Y, "%s: Kabul is drawn north of Islamabad", a)
	for _, other := range []marker{kabul, islamabad} {
		assert.Less(t, doha.X, other.X, "%s: Doha is drawn west of %s", a, other.Href)
		assert.Greater(t, doha.Y, other.Y, "%s: Doha is drawn south of %s", a, other.Href)
	}
}

// linksJS lists the resolved links inside the elements matching %q.
const linksJS = `[...document.querySelectorAll(%q)].map(a => a.href)`

// checkMeasure checks a measure page links each of its figures.
func checkMeasure(t *testing.T, a at, s *builtSite, p pageType) {
	t.Helper()
	links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "main a"))
	for _, m := range s.data.Measures {
		if p.Path != m.URL+"index.html" {
			continue
		}
		for _, slug := range m.Figures {
			assert.Contains(t, links, a.mode.URL("figures/"+slug+"/index.html"), "%s: the measure links its figure %s", a, slug)
		}
		return
	}
	t.Errorf("%s: no measure in data/dossier.json has this page", a)
}

// checkDisputes checks the disputes index links every dispute.
func checkDisputes(t *testing.T, a at, s *builtSite, _ pageType) {
	t.Helper()
	links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "main a"))
	require.NotEmpty(t, s.data.Disputes, "data/dossier.json has disputes")
	for _, d := range s.data.Disputes {
		assert.Contains(t, links, a.mode.URL(d.URL+"index.html"), "%s: the index links the dispute %s", a, d.Slug)
	}
}

// checkDispute checks a dispute page cites its sources: every claim has
// citations that link to source lines.
func checkDispute(t *testing.T, a at, s *builtSite, _ pageType) {
	t.Helper()
	cites := eval[[]citation](t, a, "read the citations", citationsJS)
	assert.NotEmpty(t, cites, "%s: the dispute's claims cite their sources", a)
	for _, c := range cites {
		assert.Regexp(t, `^(\.\./)*sources/\d+/index\.html#L\d+$`, c.Href, "%s: a citation links a source line", a)
	}
}

// checkSources checks the sources index: every source is linked, and its
// articles are named by title, never by file name.
func checkSources(t *testing.T, a at, s *builtSite, _ pageType) {
	t.Helper()
	links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "main a"))
	text := eval[string](t, a, "read the text", `document.querySelector("main").innerText`)
	for _, src := range s.data.Sources {
		assert.Contains(t, links, a.mode.URL(src.URL+"index.html"), "%s: the index links source %s", a, src.ID)
		assert.NotContains(t, text, src.File, "%s: the index does not show the file name of source %s", a, src.ID)
		for _, art := range src.Articles {
			assert.Contains(t, text, art.Title, "%s: the index names the article of lines %d–%d of source %s", a, art.FirstLine, art.LastLine, src.ID)
		}
	}
}

// checkInboxSource checks a source's inbox page links every item that
// data/inbox/ID.json lists for the source to its line.
func checkInboxSource(t *testing.T, a at, s *builtSite, p pageType) {
	t.Helper()
	id := path.Base(path.Dir(p.Path))
	b, err := os.ReadFile(filepath.Join(s.pub, "data", "inbox", id+".json"))
	require.NoError(t, err, "%s: the inbox data of source %s", a, id)
	var items []struct {
		Kind string `json:"kind"`
		Line int    `json:"line"`
	}
	require.NoError(t, json.Unmarshal(b, &items), "data/inbox/%s.json", id)
	require.NotEmpty(t, items, "data/inbox/%s.json lists items", id)
	links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "main a"))
	for _, it := range items {
		assert.Contains(t, links, a.mode.URL(fmt.Sprintf("sources/%s/index.html#L%d", id, it.Line)), "%s: the inbox links its %s item to line %d", a, it.Kind, it.Line)
	}
}

// check404 checks the not-found page, met at a missing address two folders
// deep, still links to the home page of the site.
func check404(t *testing.T, a at, s *builtSite, _ pageType) {
	t.Helper()
	links := eval[[]string](t, a, "read the links", fmt.Sprintf(linksJS, "header a, main a"))
	assert.Contains(t, links, a.mode.URL("index.html"), "%s: the not-found page links to the home page", a)
}
