package build

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reader's site beyond the content pages: search, the printable page,
// the feed, the sitemap and the actor network, on the fixture project.

func TestSearchIndexCoversPagesAndSources(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")

	js := read(t, pub, "assets/search-index.js")
	prefix := "/* Search index, written by dossier build. */\nwindow.DOSSIER_SEARCH = "
	require.True(t, strings.HasPrefix(js, prefix), "the index is a script assigning one object")
	var idx struct {
		Entries [][]string
	}
	require.NoError(t, json.Unmarshal([]byte(strings.TrimPrefix(js, prefix)), &idx))
	byURL := map[string][]string{}
	for _, e := range idx.Entries {
		require.Len(t, e, 5, "entry %v", e)
		byURL[e[2]] = e
	}
	asif := byURL["actors/khawaja-asif/index.html"]
	require.NotNil(t, asif, "every actor is indexed")
	assert.Equal(t, "actor", asif[0])
	assert.Equal(t, "Khawaja Asif", asif[1])
	assert.NotContains(t, asif[4], "[@", "citations are left out of the indexed text")
	assert.NotContains(t, asif[4], "&rsquo;", "typographic entities are decoded")
	line := byURL["sources/000/index.html#L8"]
	require.NotNil(t, line, "source lines are indexed")
	assert.Equal(t, "Khawaja Asif, the defence minister, said talks in Doha “would continue”.", line[4])
	assert.Nil(t, byURL["sources/000/index.html#L5"], "boilerplate is not indexed")
	assert.Nil(t, byURL["sources/000/index.html#L9"], "a repeated paragraph is indexed once")

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

	// Reading order: briefing, timeline, actors, figures, topics, method, references.
	last := -1
	for _, part := range []string{`id="part-briefing"`, `id="part-timeline"`, `id="part-actors"`, `id="part-figures"`, `id="part-topics"`, `id="part-method"`, `id="print-references"`} {
		i := strings.Index(print, part)
		assert.Greater(t, i, last, "%s comes after the part before it", part)
		last = i
	}
	for _, id := range []string{"actor-khawaja-asif", "event-2025-10-12-border-clashes", "figure-soldiers-killed-per-army", "topic-border-clashes"} {
		assert.Contains(t, print, `<article class="print-item" id="`+id+`">`, "every page has its anchor")
	}
	assert.Contains(t, print, `class="wikilink" href="#figure-soldiers-killed-per-army"`, "links between pages stay within the page")
	assert.Contains(t, print, `<span class="print-url">https://example.org/dossier/sources/000/index.html#L8</span>`, "references write out their address")
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
	assert.Contains(t, titles, "Source 000: 2 articles")

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
	assert.Contains(t, army, `<a href="../../actors/zabihullah-mujahid/index.html">Zabihullah Mujahid</a> (1)`, "actor pages list who they appear with")
}
