package search

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/internal/corpusgen"
	"github.com/stretchr/testify/require"
)

// siteKinds are the kinds of the site, in the order the render stage lists them.
var siteKinds = []Kind{
	{"actor", "Actor"}, {"topic", "Topic"}, {"event", "Event"}, {"figure", "Figure"},
	{"dispute", "Dispute"}, {"place", "Place"}, {"page", "Page"}, {"source", "Source"},
}

var (
	citation = regexp.MustCompile(`\s*\[@[^\]]*\]`)
	wikilink = regexp.MustCompile(`\[\[([^\]]*)\]\]`)
	heading  = regexp.MustCompile(`(?m)^#+ |^- |^\d+\. `)
)

// corpusDocs generates a dossier of n seeds with corpusgen and returns the
// documents the render stage would index: every page with its title,
// keywords and opening prose, and every content line of every seed.
func corpusDocs(t testing.TB, n int) []Doc {
	t.Helper()
	files, _, err := corpusgen.Generate(corpusgen.Options{Seeds: n, Random: 1})
	require.NoError(t, err)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var docs []Doc
	for _, name := range names {
		switch {
		case strings.HasPrefix(name, "content/"):
			docs = append(docs, pageDoc(t, name, files[name]))
		case strings.HasPrefix(name, "seeds/") && strings.HasSuffix(name, ".txt"):
			docs = append(docs, seedDocs(name, files[name])...)
		}
	}
	return docs
}

// pageDoc makes the document of a generated page from its front matter and
// body, as internal/render does from the parsed page.
func pageDoc(t testing.TB, name, src string) Doc {
	t.Helper()
	parts := strings.SplitN(src, "---\n", 3)
	require.Len(t, parts, 3, "%s has front matter", name)
	meta := map[string]string{}
	for _, line := range strings.Split(parts[1], "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			meta[k] = strings.Trim(v, "[]\"")
		}
	}
	body := citation.ReplaceAllString(parts[2], "")
	body = wikilink.ReplaceAllStringFunc(body, func(s string) string {
		return strings.ReplaceAll(strings.Trim(s, "[]"), "-", " ")
	})
	body = strings.Join(strings.Fields(heading.ReplaceAllString(body, "")), " ")
	slug := strings.TrimSuffix(path.Base(name), ".md")
	d := Doc{Text: body}
	switch path.Dir(name) {
	case "content/actors":
		d.Kind, d.Title, d.Keywords = "actor", meta["name"], strings.Join([]string{meta["aliases"], meta["role"]}, " · ")
		d.URL = "actors/" + slug + "/index.html"
	case "content/timeline":
		d.Kind, d.Title, d.Keywords = "event", meta["title"], meta["date"]
		d.URL = "timeline/" + slug + "/index.html"
	case "content/figures":
		d.Kind, d.Title, d.Keywords = "figure", meta["title"], meta["value"]+" "+meta["unit"]
		d.URL = "figures/" + slug + "/index.html"
	case "content/topics":
		d.Kind, d.Title, d.Keywords = "topic", meta["title"], meta["summary"]
		d.URL = "topics/" + slug + "/index.html"
	default:
		d.Kind, d.Title, d.Keywords = "page", meta["title"], meta["description"]
		d.URL = slug + "/index.html"
	}
	return d
}

// seedDocs makes one document per content line of a seed, labelled with its
// headline as the article's title.
func seedDocs(name, src string) []Doc {
	id, _, _ := strings.Cut(path.Base(name), "_")
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	label := lines[0] + " (Generated Wire)"
	var docs []Doc
	for i, l := range lines {
		if l == "" || l == "Share" || l == "Recommended Stories" || strings.HasPrefix(l, "Published On") {
			continue
		}
		docs = append(docs, Doc{Kind: "source", Label: label, URL: fmt.Sprintf("sources/%s/index.html#L%d", id, i+1), Text: l, Group: id})
	}
	return docs
}

// realisticQueries are what readers type: common and rare single words, two
// words, prefixes of three to five letters, a name, a number.
var realisticQueries = []string{
	"said", "Kabul", "ceasefire", "clinic", "Chaman", // common and rarer words
	"said Kabul", "border crossing", "ministry spokesman", // two words
	"kha", "Torkh", "Pesha", "refug", // prefixes
	"Amir Achakzai", "Qadir", // names
	"2,414", "2414", "1,200", // numbers
}

// buildCorpus builds the index of a generated dossier of n seeds.
func buildCorpus(t testing.TB, n int) map[string][]byte {
	t.Helper()
	files, err := Build(Options{Kinds: siteKinds}, corpusDocs(t, n))
	require.NoError(t, err)
	return files
}
