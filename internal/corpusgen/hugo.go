package corpusgen

import (
	"fmt"
	"strings"
)

// The Hugo twin of a generated dossier: the same markdown pages and a page
// per seed, with layouts as small as Hugo allows, so that both generators
// write about the same number of pages from the same text.
const (
	hugoConfig = `baseURL = "http://example.org/"
title = "Generated dossier"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

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
	hugo404 = `{{ define "main" }}<h1>Page not found</h1>{{ end }}
`
)

// hugoSite converts the dossier's files (path → text) into a Hugo site.
func hugoSite(files map[string]string, seeds []*seed) map[string]string {
	out := map[string]string{
		"config.toml":                  hugoConfig,
		"layouts/_default/baseof.html": hugoBase,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/index.html":           hugoList,
		"layouts/404.html":             hugo404,
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
