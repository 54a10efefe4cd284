package build

// What a reader sees, measured in headless Chromium: every page type at a
// desktop width and a phone width, the briefing's first screen, the
// timeline's opening, and the printed dossier. The expectations come from
// the built site (data/dossier.json) and content/dossier.yaml, never from
// counts written here. The site, the browser and the step deadlines are
// those of browser_setup_test.go; run these tests alone with
// `go test -run BrowserReader ./internal/build/`.

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
)

// readerWidths are the window widths the layout must hold at: a desktop and
// a phone.
var readerWidths = []struct {
	width, height int64
	mobile        bool
}{{1280, 800, false}, {375, 812, true}}

// readerTabLife bounds the life of a test's tab: a stuck page fails its
// step (each has the step deadline of browser_setup_test.go), and a stuck
// tab fails its test.
const readerTabLife = 3 * time.Minute

// readerTab opens a tab in the shared browser for one test. chromedp ties a
// tab to the context of the first action run on it and closes the tab when
// that context ends, so the first action runs on the tab's own context,
// bounded by readerTabLife, not on a step's deadline.
func readerTab(t *testing.T) context.Context {
	t.Helper()
	life, cancel := context.WithTimeout(browser(t), readerTabLife)
	tab, closeTab := chromedp.NewContext(life)
	t.Cleanup(func() { closeTab(); cancel() })
	require.NoError(t, chromedp.Do(tab), "open a tab")
	return tab
}

// readerPage is one page type and the example of it the layout tests open.
type readerPage struct {
	Name   string
	Path   string // relative to public/
	Editor bool   // a curator's page, where pipeline words are in place
}

// readerSite is what the tests read from the built site's data export.
type readerSite struct {
	Actors []struct {
		Slug, Name, Side string
	} `json:"actors"`
	Events []struct {
		Slug     string `json:"slug"`
		Date     string `json:"date"`
		Earliest string `json:"earliest"`
		Latest   string `json:"latest"`
	} `json:"events"`
	Measures []struct {
		Slug    string   `json:"slug"`
		Figures []string `json:"figures"`
	} `json:"measures"`
	Figures []struct {
		Slug      string `json:"slug"`
		ClaimedBy string `json:"claimed_by"`
		Measure   string `json:"measure"`
	} `json:"figures"`
	Disputes []struct {
		Slug    string `json:"slug"`
		Kind    string `json:"kind"`
		Measure string `json:"measure"`
	} `json:"disputes"`
}

func readReaderSite(t *testing.T, pub string) readerSite {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pub, "data", "dossier.json"))
	require.NoError(t, err)
	var d readerSite
	require.NoError(t, json.Unmarshal(b, &d), "data/dossier.json")
	return d
}

// actorName names the actor slug, or returns the slug when it is no actor.
func (d readerSite) actorName(slug string) string {
	for _, a := range d.Actors {
		if a.Slug == slug {
			return a.Name
		}
	}
	return slug
}

// figuresOf lists the figures of a measure.
func (d readerSite) figuresOf(measure string) []string {
	var out []string
	for _, f := range d.Figures {
		if f.Measure == measure {
			out = append(out, f.Slug)
		}
	}
	return out
}

// readerPages picks one page of every type from the built site: for the
// measure, figure and dispute, the first number dispute with a comparison
// table, whose pages show the most a reader must be able to read.
func readerPages(t *testing.T, pub string, d readerSite) []readerPage {
	t.Helper()
	first := func(dir, prefer string) string {
		if prefer != "" {
			if _, err := os.Stat(filepath.Join(pub, dir, prefer, "index.html")); err == nil {
				return path.Join(dir, prefer, "index.html")
			}
		}
		entries, err := os.ReadDir(filepath.Join(pub, dir))
		require.NoError(t, err, "public/%s", dir)
		for _, e := range entries {
			if _, err := os.Stat(filepath.Join(pub, dir, e.Name(), "index.html")); e.IsDir() && err == nil {
				return path.Join(dir, e.Name(), "index.html")
			}
		}
		t.Fatalf("public/%s holds no page", dir)
		return ""
	}
	var dispute, measure, figure string
	for _, x := range d.Disputes {
		if fs := d.figuresOf(x.Measure); x.Kind == "number" && len(fs) > 1 && dispute == "" {
			dispute, measure, figure = x.Slug, x.Measure, fs[0]
		}
	}
	require.NotEmpty(t, dispute, "the dossier has a number dispute with two figures or more")
	return []readerPage{
		{Name: "briefing", Path: "index.html"},
		{Name: "actors", Path: "actors/index.html"},
		{Name: "actor", Path: first("actors", searchActor)},
		{Name: "timeline", Path: "timeline/index.html"},
		{Name: "event", Path: first("timeline", "")},
		{Name: "figures", Path: "figures/index.html"},
		{Name: "measure", Path: first("measures", measure)},
		{Name: "figure", Path: first("figures", figure)},
		{Name: "disputes", Path: "disputes/index.html"},
		{Name: "dispute", Path: first("disputes", dispute)},
		{Name: "topics", Path: "topics/index.html"},
		{Name: "topic", Path: first("topics", "")},
		{Name: "places", Path: "places/index.html"},
		{Name: "place", Path: first("places", "")},
		{Name: "sources", Path: "sources/index.html"},
		{Name: "source", Path: first("sources", "000")},
		{Name: "about", Path: "about/index.html"},
		{Name: "search", Path: "search/index.html"},
		{Name: "inbox", Path: "inbox/index.html", Editor: true},
		{Name: "inbox source", Path: first("inbox", ""), Editor: true},
		{Name: "print", Path: "print/index.html"},
	}
}

// readerLayout is what readerLayoutJS measures on a page.
type readerLayout struct {
	BrokenWords    []string `json:"brokenWords"`
	SVGTextOutside []string `json:"svgTextOutside"`
	WidePictures   []string `json:"widePictures"`
	EditorWords    []string `json:"editorWords"`
	Header         float64  `json:"header"`
	Height         float64  `json:"height"`
	References     float64  `json:"references"`
	Tables         int      `json:"tables"`
	Words          int      `json:"words"`
	Pictures       int      `json:"pictures"`
}

// readerLayoutJS measures the page as laid out:
//   - a word broken across lines: every word (as Intl.Segmenter finds
//     words, so a break after a hyphen or a dash is allowed) of every table
//     cell, heading and key fact must lie on one line;
//   - SVG text outside its picture's box;
//   - a picture (svg, img) wider than the column that holds it, or than main;
//   - editors' words: "seed", a seed's file name or "precision" in the
//     page's own text (quotations of the sources, which may use any word,
//     are left out: citation previews, blockquotes, q, source lines);
//   - the heights of the site header, the page and its reference list.
const readerLayoutJS = `(() => {
	const out = {brokenWords: [], svgTextOutside: [], widePictures: [], editorWords: [], header: 0, height: 0, references: 0, tables: 0, words: 0, pictures: 0};
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "");
	const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
	const note = (list, s) => { if (list.length < 8) list.push(s); };

	const seg = new Intl.Segmenter(document.documentElement.lang || "en", {granularity: "word"});
	const range = document.createRange();
	out.tables = document.querySelectorAll("main table").length;
	for (const box of document.querySelectorAll("main td, main th, main h1, main h2, main h3, main .infobox dd")) {
		if (!shown(box)) continue;
		const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (n.parentElement.closest(".tip")) continue;
			// A text on one line breaks no word: measure its words only when it wraps.
			range.selectNodeContents(n);
			const lines = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
			if (lines.length < 2 || Math.max(...lines) - Math.min(...lines) <= 2) { out.words += n.data.split(/\s+/).length; continue; }
			for (const s of seg.segment(n.data)) {
				if (!s.isWordLike || s.segment.length < 2) continue;
				out.words++;
				range.setStart(n, s.index);
				range.setEnd(n, s.index + s.segment.length);
				const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
				if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) note(out.brokenWords, JSON.stringify(s.segment) + " in " + name(box) + ": " + JSON.stringify(box.textContent.trim().slice(0, 80)));
			}
		}
	}

	for (const text of document.querySelectorAll("svg text")) {
		const svg = text.closest("svg");
		if (!shown(text) || !shown(svg)) continue;
		const r = text.getBoundingClientRect(), b = svg.getBoundingClientRect();
		if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
			note(out.svgTextOutside, JSON.stringify(text.textContent) + " in " + name(svg) + " (text " + Math.round(r.left) + ".." + Math.round(r.right) + ", picture " + Math.round(b.left) + ".." + Math.round(b.right) + ")");
	}

	const content = (el) => { const s = getComputedStyle(el); return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); };
	const main = document.querySelector("main");
	const mainWidth = content(main);
	for (const pic of main.querySelectorAll("svg, img")) {
		if (pic.parentElement.closest("svg") || !shown(pic)) continue;
		out.pictures++;
		let col = pic.parentElement;
		while (col !== main && /^(inline|contents)/.test(getComputedStyle(col).display)) col = col.parentElement;
		const w = pic.getBoundingClientRect().width, cw = Math.min(content(col), mainWidth);
		if (w > cw + 1) note(out.widePictures, name(pic) + " is " + Math.round(w) + "px wide in a " + Math.round(cw) + "px column (" + name(col) + ")");
	}

	const clone = document.body.cloneNode(true);
	clone.querySelectorAll(".tip, blockquote, q, .source .cl, script").forEach(e => e.remove());
	const text = document.title + "\n" + clone.textContent;
	for (const re of [/\bseed\b/i, /\b\d{3}_[0-9a-f]{16}\.txt\b/, /\bprecision\b/i]) {
		const m = re.exec(text);
		if (m) note(out.editorWords, JSON.stringify(text.slice(Math.max(0, m.index - 50), m.index + m[0].length + 30).replace(/\s+/g, " ")));
	}

	const header = document.querySelector("header.site"), refs = document.querySelector("main > .references");
	out.header = header ? header.getBoundingClientRect().height : 0;
	out.height = document.documentElement.scrollHeight;
	out.references = refs ? refs.getBoundingClientRect().height : 0;
	return out;
})()`

// TestBrowserReaderLayout opens a page of every type at 1280 and 375 px and
// fails on a word broken across lines in a table, SVG text outside its
// picture, a picture wider than its column, editors' words on a reader
// page, a site header taller than 80 px on a desktop, or a briefing whose
// references take more than 35% of its height.
func TestBrowserReaderLayout(t *testing.T) {
	s := site(t)
	t.Parallel() // after site(t), which skips in -short mode: overlap with the other browser tests
	pages := readerPages(t, s.pub, readReaderSite(t, s.pub))
	m := s.rootMode()
	tab := readerTab(t)
	for _, w := range readerWidths {
		t.Run(fmt.Sprint(w.width), func(t *testing.T) {
			var opts []chromedp.EmulateViewportOption
			if w.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			require.NoError(t, do(tab, chromedp.EmulateViewport(w.width, w.height, opts...)))
			tables, words, pictures := 0, 0, 0
			for _, p := range pages {
				started := time.Now()
				require.NoError(t, open(tab, m.URL(p.Path)))
				got, err := evaluate[readerLayout](tab, readerLayoutJS)
				require.NoError(t, err, "measure %s", p.Path)
				if d := time.Since(started); d > 2*time.Second {
					t.Logf("%s at %dpx took %.1fs", p.Path, w.width, d.Seconds())
				}
				at := fmt.Sprintf("%s (%s) at %dpx", p.Name, p.Path, w.width)
				assert.Empty(t, got.BrokenWords, "%s: no word is broken across lines", at)
				assert.Empty(t, got.SVGTextOutside, "%s: all SVG text lies inside its picture", at)
				assert.Empty(t, got.WidePictures, "%s: no picture is wider than its column", at)
				if !p.Editor {
					assert.Empty(t, got.EditorWords, "%s: a reader page names no seed, seed file or precision", at)
				}
				if !w.mobile {
					assert.LessOrEqual(t, got.Header, 80.0, "%s: the site header is at most 80 px tall", at)
				}
				if p.Name == "briefing" {
					require.Positive(t, got.References, "%s has a reference list", at)
					assert.LessOrEqual(t, got.References/got.Height, 0.35, "%s: the references are %.0f of %.0f px", at, got.References, got.Height)
				}
				tables, words, pictures = tables+got.Tables, words+got.Words, pictures+got.Pictures
			}
			// The checks saw something to check.
			assert.Positive(t, tables, "the pages have tables")
			assert.Positive(t, pictures, "the pages have pictures")
			t.Logf("%dpx: %d pages, %d tables, %d words in tables and headings, %d pictures", w.width, len(pages), tables, words, pictures)
		})
	}
}

// readerClaims is what readerClaimsJS reads of the briefing's first disputed
// number in its key facts.
type readerClaims struct {
	Href   string `json:"href"`
	Height int64  `json:"height"`
	Claims []struct {
		Text   string  `json:"text"`
		Top    float64 `json:"top"`
		Bottom float64 `json:"bottom"`
		Right  float64 `json:"right"`
	} `json:"claims"`
}

const readerClaimsJS = `(() => {
	window.scrollTo(0, 0);
	const first = document.querySelector(".keyfacts ul.disputed > li");
	if (!first) return {href: "", height: innerHeight, claims: []};
	const q = first.querySelector("a");
	return {href: q ? q.getAttribute("href") : "", height: innerHeight,
		claims: [...first.querySelectorAll("ul > li")].map(li => { const r = li.getBoundingClientRect(); return {text: li.textContent.trim(), top: r.top, bottom: r.bottom, right: r.right}; })};
})()`

// TestBrowserReaderBriefingFirstScreen checks that the briefing's key facts
// show the rival claims of its first disputed number on the first screen
// at 1280 px, and within the first screen and a half on a phone: one claim
// per figure of the dispute's measure, each naming its claimant.
func TestBrowserReaderBriefingFirstScreen(t *testing.T) {
	s := site(t)
	t.Parallel() // after site(t), which skips in -short mode: overlap with the other browser tests
	d := readReaderSite(t, s.pub)
	m := s.rootMode()
	tab := readerTab(t)
	for _, w := range readerWidths {
		var opts []chromedp.EmulateViewportOption
		if w.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		require.NoError(t, do(tab, chromedp.EmulateViewport(w.width, w.height, opts...)))
		require.NoError(t, open(tab, m.URL("index.html")))
		got, err := evaluate[readerClaims](tab, readerClaimsJS)
		require.NoError(t, err)
		require.NotEmpty(t, got.Href, "at %dpx: the key facts name a disputed number", w.width)
		slug := path.Base(path.Dir(got.Href))
		measure := ""
		for _, x := range d.Disputes {
			if x.Slug == slug {
				measure = x.Measure
			}
		}
		require.NotEmpty(t, measure, "at %dpx: the first disputed number %s is a dispute with a measure in data/dossier.json", w.width, got.Href)
		figures := d.figuresOf(measure)
		require.Len(t, got.Claims, len(figures), "at %dpx: %s shows one claim per figure of %s", w.width, slug, measure)
		screen := float64(got.Height)
		if w.mobile {
			screen *= 1.5
		}
		for _, c := range got.Claims {
			assert.GreaterOrEqual(t, c.Top, 0.0, "at %dpx: claim %q", w.width, c.Text)
			assert.LessOrEqual(t, c.Bottom, screen, "at %dpx: claim %q ends %.0f px down, within %.0f px", w.width, c.Text, c.Bottom, screen)
			assert.LessOrEqual(t, c.Right, float64(w.width), "at %dpx: claim %q is inside the window", w.width, c.Text)
		}
		for _, f := range d.Figures {
			if f.Measure != measure {
				continue
			}
			who, named := d.actorName(f.ClaimedBy), false
			for _, c := range got.Claims {
				named = named || strings.Contains(c.Text, who)
			}
			assert.True(t, named, "at %dpx: a claim names %s, who claims %s", w.width, who, f.Slug)
		}
	}
}

// readerTimeline is what readerTimelineJS reads of the timeline.
type readerTimeline struct {
	First   string   `json:"first"`   // the first event's id, "e-<slug>"
	Wrapped []string `json:"wrapped"` // titles that reach under the date column
	Rows    int      `json:"rows"`
}

const readerTimelineJS = `(() => {
	const rows = [...document.querySelectorAll("main ol.timeline > li")];
	const wrapped = [];
	for (const li of rows) {
		const when = li.querySelector(".when"), a = li.querySelector("a");
		if (!when || !a) continue;
		const edge = when.getBoundingClientRect().right;
		if ([...a.getClientRects()].some(r => r.left < edge - 1) && wrapped.length < 8) wrapped.push(a.textContent);
	}
	return {first: rows.length ? rows[0].id : "", wrapped, rows: rows.length};
})()`

// TestBrowserReaderTimeline checks that the timeline opens on the dossier's
// period (content/dossier.yaml) and that at 1280 px its dates form a column
// no title wraps under.
func TestBrowserReaderTimeline(t *testing.T) {
	s := site(t)
	t.Parallel() // after site(t), which skips in -short mode: overlap with the other browser tests
	d := readReaderSite(t, s.pub)
	settings, problems := content.LoadSettings(os.DirFS("../.."))
	require.Empty(t, problems, "content/dossier.yaml")
	require.False(t, settings.Period.IsZero(), "content/dossier.yaml declares a period")
	m := s.rootMode()
	tab := readerTab(t)
	require.NoError(t, do(tab, chromedp.EmulateViewport(1280, 800)))
	require.NoError(t, open(tab, m.URL("timeline/index.html")))
	got, err := evaluate[readerTimeline](tab, readerTimelineJS)
	require.NoError(t, err)
	require.Positive(t, got.Rows, "the timeline lists events")
	slug := strings.TrimPrefix(got.First, "e-")
	var first, last date.Date
	for _, e := range d.Events {
		if e.Slug != slug {
			continue
		}
		on, err := date.Parse(e.Date)
		require.NoError(t, err, "event %s: date %q", slug, e.Date)
		first, last = on, on
		if e.Earliest != "" {
			first, err = date.Parse(e.Earliest)
			require.NoError(t, err)
			last, err = date.Parse(e.Latest)
			require.NoError(t, err)
		}
	}
	require.False(t, first.IsZero(), "the first row %q is an event of data/dossier.json", got.First)
	p := settings.Period
	assert.True(t, last.Compare(p.First()) >= 0 && first.Compare(p.Last()) <= 0,
		"the timeline opens on an event of the period %s, not %s (%s to %s)", p, slug, first, last)
	assert.Empty(t, got.Wrapped, "no event title wraps under the date column")
}

// readerPrint is what readerPrintJS reads of the printable page laid out
// for paper.
type readerPrint struct {
	Bars           int      `json:"bars"`
	HiddenBars     int      `json:"hiddenBars"`
	Headings       int      `json:"headings"`
	HeadingsBreak  []string `json:"headingsBreak"` // headings that may end a page
	References     int      `json:"references"`
	WebPaths       []string `json:"webPaths"`
	UnderlinedLink []string `json:"underlinedLinks"`
}

const readerPrintJS = `(() => {
	const bars = [...document.querySelectorAll("main svg.bar")];
	const shownBars = bars.filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
	const heads = [...document.querySelectorAll("main h2, main h3, main h4")];
	const refs = [...document.querySelectorAll("section.references li")];
	const links = [...document.querySelectorAll("main a[href]")].filter(a => getComputedStyle(a).textDecorationLine.includes("underline"));
	return {
		bars: shownBars.length, hiddenBars: bars.length - shownBars.length, headings: heads.length,
		headingsBreak: heads.filter(h => getComputedStyle(h).breakAfter !== "avoid").slice(0, 5).map(h => h.textContent),
		references: refs.length,
		webPaths: refs.filter(li => /https?:|\/|\.html|#L\d/.test(li.textContent)).slice(0, 5).map(li => li.textContent),
		underlinedLinks: links.slice(0, 5).map(a => a.textContent),
	};
})()`

// TestBrowserReaderPrint prints print/index.html to PDF on A4 and Letter
// paper: at most 100 pages each, with the comparison charts (a bar for
// every figure of every measure with two figures or more, laid out for
// paper, and the sides' colours drawn in the PDF), headings kept with what
// follows them, references without web paths and links without underlines.
func TestBrowserReaderPrint(t *testing.T) {
	s := site(t)
	t.Parallel() // after site(t), which skips in -short mode: overlap with the other browser tests
	d := readReaderSite(t, s.pub)
	settings, problems := content.LoadSettings(os.DirFS("../.."))
	require.Empty(t, problems, "content/dossier.yaml")
	m := s.rootMode()
	tab := readerTab(t)
	require.NoError(t, open(tab, m.URL("print/index.html")))

	wantBars := 0
	sides := map[string]bool{} // the sides of the claimants charted
	for _, x := range d.Measures {
		if fs := d.figuresOf(x.Slug); len(fs) > 1 {
			wantBars += len(fs)
			for _, f := range d.Figures {
				if f.Measure == x.Slug {
					for _, a := range d.Actors {
						if a.Slug == f.ClaimedBy {
							sides[a.Side] = true
						}
					}
				}
			}
		}
	}
	require.Positive(t, wantBars, "the dossier has measures with two figures or more")

	_, err := call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	got, err := evaluate[readerPrint](tab, readerPrintJS)
	require.NoError(t, err)
	_, err = call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	require.NoError(t, err)
	assert.Equal(t, wantBars, got.Bars, "printed, every figure of a comparison has its bar (%d hidden)", got.HiddenBars)
	assert.Positive(t, got.Headings)
	assert.Empty(t, got.HeadingsBreak, "printed, no heading may end a page: break-after is avoid")
	assert.Positive(t, got.References, "the printed dossier has references")
	assert.Empty(t, got.WebPaths, "printed references name article, outlet, date and line, no web path")
	assert.Empty(t, got.UnderlinedLink, "printed links are not underlined")

	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}} {
		started := time.Now()
		// An untagged PDF has the same pages and is made faster.
		untagged := func(p *page.PrintToPDFParams) { no := false; p.GenerateTaggedPDF = &no }
		pdf, err := run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size), untagged))
		require.NoError(t, err, "print to PDF on %s", paper.name)
		pages := pdfPages(pdf)
		assert.Positive(t, pages, "%s: the PDF has pages", paper.name)
		assert.LessOrEqual(t, pages, 100, "%s: the printed dossier has at most 100 pages", paper.name)
		fills := pdfFills(t, pdf)
		for _, side := range settings.Sides {
			if !sides[side.Slug] {
				continue
			}
			c, err := hexColour(side.Color)
			require.NoError(t, err, "side %s", side.Slug)
			assert.True(t, hasColour(fills, c), "%s: the PDF draws in the colour of side %s (%s), as its bars do", paper.name, side.Slug, side.Color)
		}
		t.Logf("%s: %d pages, %d bytes, %d fill colours, printed in %.1fs", paper.name, pages, len(pdf), len(fills), time.Since(started).Seconds())
	}
}

// pdfPages counts the page objects of a PDF (/Type /Page, not /Pages).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b[^s]`).FindAll(pdf, -1))
}

// pdfFills returns the fill colours (r g b rg) of the PDF's content
// streams, inflating those that are compressed.
func pdfFills(t *testing.T, pdf []byte) [][3]float64 {
	t.Helper()
	rg := regexp.MustCompile(`([0-9.]+) ([0-9.]+) ([0-9.]+) rg\b`)
	var out [][3]float64
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		body := rest[i+len("stream"):]
		body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
		j := bytes.Index(body, []byte("endstream"))
		if j < 0 {
			break
		}
		data := body[:j]
		rest = body[j+len("endstream"):]
		if z, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(z); err == nil {
				data = inflated
			}
		}
		for _, m := range rg.FindAllSubmatch(data, -1) {
			var c [3]float64
			for k := range c {
				c[k], _ = strconv.ParseFloat(string(m[k+1]), 64)
			}
			out = append(out, c)
		}
	}
	return out
}

// hexColour reads "#rrggbb" as fractions of 1, as PDF writes colours.
func hexColour(s string) ([3]float64, error) {
	var c [3]float64
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(strings.TrimPrefix(s, "#")) != 6 {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	for k := range c {
		c[k] = float64(v>>(16-8*k)&0xff) / 255
	}
	return c, nil
}

func hasColour(fills [][3]float64, c [3]float64) bool {
	for _, f := range fills {
		if math.Abs(f[0]-c[0]) < 0.01 && math.Abs(f[1]-c[1]) < 0.01 && math.Abs(f[2]-c[2]) < 0.01 {
			return true
		}
	}
	return false
}
