package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reader's site beyond the content pages: search, the printable page,
// the feed, the sitemap and the actor network, on the fixture project.

// searchDocs reads the documents of a built site's search index: every
// document chunk (assets/search/<segment>/d<i>.js, or c/<id>.js for the
// pages) is a script calling DossierSearch.add(key, [[title, url, keywords,
// text], …]); a null title repeats the one before it.
func searchDocs(t *testing.T, pub string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(pub, "assets", "search", "*", "d*.js"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "the index has document chunks of source lines")
	pages, err := filepath.Glob(filepath.Join(pub, "assets", "search", "c", "*.js"))
	require.NoError(t, err)
	require.NotEmpty(t, pages, "the index has document chunks of pages")
	files = append(files, pages...)
	docs := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		s := string(b)
		require.True(t, strings.HasPrefix(s, `DossierSearch.add("`), "%s is a script registering its chunk", f)
		s = s[strings.Index(s, ",")+1 : strings.LastIndex(s, ")")]
		var rows [][]any
		require.NoError(t, json.Unmarshal([]byte(s), &rows), f)
		title := ""
		for _, row := range rows {
			var fields []string
			for _, v := range row {
				str, _ := v.(string)
				fields = append(fields, str)
			}
			if row[0] == nil {
				fields[0] = title
			}
			title = fields[0]
			docs[fields[1]] = fields
		}
	}
	return docs
}

func TestSearchIndexCoversPagesAndSources(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")

	assert.FileExists(t, filepath.Join(pub, "assets", "search", "engine.js"))
	assert.FileExists(t, filepath.Join(pub, "assets", "search", "index.js"))
	byURL := searchDocs(t, pub)
	asif := byURL["actors/khawaja-asif/index.html"]
	require.NotNil(t, asif, "every actor is indexed")
	assert.Equal(t, "Khawaja Asif", asif[0])
	assert.Contains(t, asif[2], "Khawaja Muhammad Asif", "aliases are keywords")
	assert.NotContains(t, asif[3], "[@", "citations are left out of the indexed text")
	assert.NotContains(t, asif[3], "&rsquo;", "typographic entities are decoded")
	topic := byURL["topics/border-clashes/index.html"]
	require.NotNil(t, topic, "every topic is indexed")
	assert.Contains(t, topic[3], "compare Soldiers killed, per the army with Soldiers killed, per the Taliban",
		"a link without a label reads as its page's title")
	line := byURL["sources/000/index.html#L8"]
	require.NotNil(t, line, "source lines are indexed")
	assert.Equal(t, "Khawaja Asif, the defence minister, said talks in Doha “would continue”.", line[len(line)-1])
	assert.Nil(t, byURL["sources/000/index.html#L5"], "boilerplate is not indexed")
	assert.Nil(t, byURL["sources/000/index.html#L9"], "a repeated paragraph is indexed once")
	for u := range byURL {
		assert.False(t, strings.HasPrefix(u, "inbox/"), "the curators' inbox is not indexed: %s", u)
	}

	search := read(t, pub, "search/index.html")
	assert.Contains(t, search, `<a href="../actors/khawaja-asif/index.html">Khawaja Asif</a>`, "without JavaScript the search page lists every page")
	home := read(t, pub, "index.html")
	assert.Contains(t, home, `<form role="search" class="search" action="search/index.html">`)
	assert.Contains(t, home, `<script src="assets/dossier.js" defer></script>`)
	assert.NotContains(t, home, "<script>", "no inline scripts")
}

func TestPrintablePageHoldsTheWholeDossier(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "https://example.org/dossier/")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")
	print := read(t, pub, "print/index.html")

	// Reading order: briefing, timeline, disputes, figures, actors, topics,
	// method, references.
	last := -1
	for _, part := range []string{`id="part-briefing"`, `id="part-timeline"`, `id="part-disputes"`, `id="part-figures"`, `id="part-actors"`, `id="part-topics"`, `id="part-method"`, `id="print-references"`} {
		i := strings.Index(print, part)
		assert.Greater(t, i, last, "%s comes after the part before it", part)
		last = i
	}
	for _, id := range []string{"actor-khawaja-asif", "event-2025-10-12-border-clashes", "measure-soldiers-killed", "dispute-how-many-soldiers-died", "topic-border-clashes"} {
		assert.Contains(t, print, `<article class="print-item" id="`+id+`">`, "every page has its anchor")
	}
	assert.Contains(t, print, `class="wikilink" href="#measure-soldiers-killed"`, "links between pages stay within the page; a figure is printed with its measure")
	assert.Contains(t, print, `<table class="print-table">`, "comparisons are printed as tables")
	assert.Contains(t, print, `<svg class="bar"`, "and charts")
	assert.Contains(t, print, `<li id="ref-3">Border clashes kill soldiers as talks falter, Test Wire, 12 October 2025, line 8</li>`, "references name the article, outlet, date and line, as paper needs")
	assert.NotContains(t, print, "https://example.org/dossier/sources/", "references print no web paths")
	assert.Equal(t, 1, strings.Count(print, `id="print-references"`))
}

func TestFeedAndSitemap(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "https://example.org/dossier/")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")

	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	require.NoError(t, xml.Unmarshal([]byte(read(t, pub, "atom.xml")), &feed))
	assert.Equal(t, "2025-10-12T00:00:00Z", feed.Updated, "the feed is dated by its newest entry, not the build time")
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
		assert.True(t, strings.HasPrefix(e.Link.Href, "https://example.org/dossier/"), "entry link %s is absolute", e.Link.Href)
	}
	assert.Contains(t, titles, "12 October 2025: Border clashes")
	assert.Contains(t, titles, "Border clashes kill soldiers as talks falter and 1 more article", "a source is named by its articles")
	for _, title := range titles {
		assert.NotRegexp(t, `\b(Source|seed) \d{3}\b`, title, "feed titles never name a seed number")
	}

	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	require.NoError(t, xml.Unmarshal([]byte(read(t, pub, "sitemap.xml")), &sitemap))
	var locs []string
	for _, u := range sitemap.URLs {
		locs = append(locs, u.Loc)
	}
	assert.Contains(t, locs, "https://example.org/dossier/")
	assert.Contains(t, locs, "https://example.org/dossier/actors/khawaja-asif/")
	assert.NotContains(t, locs, "https://example.org/dossier/404.html")

	notFound := read(t, pub, "404.html")
	assert.Contains(t, notFound, `<base href="https://example.org/dossier/">`, "404.html works at any depth when the address is known")

}

func TestActorNetwork(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")
	actors := read(t, pub, "actors/index.html")
	// The army and Zabihullah Mujahid are both listed by the border-clashes event.
	assert.Contains(t, actors, `<title id="network-t">Actor network</title>`)
	assert.Contains(t, actors, `<a class="node" href="../actors/pakistan-army/index.html">`)
	assert.Contains(t, actors, `<a class="node" href="../actors/zabihullah-mujahid/index.html">`)
	army := read(t, pub, "actors/pakistan-army/index.html")
	assert.Contains(t, army, `<a href="../../actors/zabihullah-mujahid/index.html">Zabihullah Mujahid</a>&nbsp;(1)`, "actor pages list who they appear with, each count bound to its name")
}
