package corpusgen

import (
	"fmt"
	"strings"
)

// The Hugo twin of a generated dossier writes the same pages as the dossier
// from the same text, with layouts as small as Hugo allows: the curated
// markdown pages; per seed its text, each line a paragraph with the #LN
// anchor of the dossier's viewer, and its inbox page (the names, dates,
// figures and quotations the generator put in each line, each linking to
// its line); the indexes of actors, timeline, figures, topics and the inbox;
// the sources index in pages of SourcesPerPage; the home, about, search
// (every page A to Z), print (the curated pages' text on one page) and 404
// pages. Counts.Pages is the number of pages each writes.
const (
	hugoConfig = `baseURL = "http://example.org/"
title = "Generated dossier"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
disableAliases = true
paginate = %d

[markup.goldmark.parser.attribute]
  block = true
`
	hugoBase = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body>
<header><nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`
	hugoSingle = `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
`
	hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`
	hugoSources = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<nav>{{ with .Paginator.Prev }}<a href="{{ .URL }}">Previous</a>{{ end }} {{ with .Paginator.Next }}<a href="{{ .URL }}">Next</a>{{ end }}</nav>{{ end }}
`
	hugoSearch = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range site.RegularPages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Section }}</li>{{ end }}</ul>{{ end }}
`
	hugoPrint = `{{ define "main" }}<h1>{{ .Title }}</h1>{{ range where site.RegularPages "Section" "in" (slice "actors" "timeline" "figures" "measures" "topics") }}<section><h2>{{ .Title }}</h2>{{ .Content }}</section>{{ end }}{{ end }}
`
	hugo404 = `{{ define "main" }}<h1>Page not found</h1>{{ end }}
`
)

// hugoSite converts the dossier's files (path → text) into a Hugo site.
func hugoSite(files map[string]string, seeds []*seed) map[string]string {
	out := map[string]string{
		"config.toml":                  fmt.Sprintf(hugoConfig, SourcesPerPage),
		"layouts/_default/baseof.html": hugoBase,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/_default/search.html": hugoSearch,
		"layouts/_default/print.html":  hugoPrint,
		"layouts/sources/list.html":    hugoSources,
		"layouts/index.html":           hugoList,
		"layouts/404.html":             hugo404,
		"content/search.md":            "---\ntitle: Search\nlayout: search\n---\n",
		"content/print.md":             "---\ntitle: The whole dossier\nlayout: print\n---\n",
		"content/sources/_index.md":    "---\ntitle: Sources\n---\n",
		"content/inbox/_index.md":      "---\ntitle: Inbox\n---\nWhat the sources bring that no curated page covers yet.\n",
		// The dossier lists measures on the figures index, not on a page of their own.
		"content/measures/_index.md": "---\ntitle: Measures\n_build:\n  render: never\n---\n",
	}
	for _, p := range sortedKeys(files) {
		if !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		text := files[p]
		if p == "content/index.md" {
			p = "content/_index.md"
		}
		out[p] = hugoFrontMatter(text)
	}
	for _, s := range seeds {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Source %s\n---\n", s.id)
		for i, l := range s.lines {
			if l == "" {
				continue
			}
			// A block attribute gives each line the same #LN anchor as the dossier's viewer.
			fmt.Fprintf(&b, "%s\n{#L%d}\n\n", l, i+1)
		}
		out["content/sources/"+s.id+".md"] = b.String()
		b.Reset()
		fmt.Fprintf(&b, "---\ntitle: \"Inbox: source %s\"\n---\n", s.id)
		for _, it := range s.items {
			fmt.Fprintf(&b, "- [line %d](../../sources/%s/#L%d) **%s** (%s), unreviewed\n", it.line, s.id, it.line, it.value, it.kind)
		}
		out["content/inbox/"+s.id+".md"] = b.String()
	}
	return out
}

// hugoFrontMatter gives actor pages a title and renames aliases, which Hugo
// would otherwise turn into redirect pages.
func hugoFrontMatter(text string) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines) && lines[i] != "---"; i++ {
		switch {
		case strings.HasPrefix(lines[i], "name: "):
			lines[i] = "title: " + strings.TrimPrefix(lines[i], "name: ")
		case strings.HasPrefix(lines[i], "aliases: "):
			lines[i] = "other_names: " + strings.TrimPrefix(lines[i], "aliases: ")
		}
	}
	return strings.Join(lines, "\n")
}
