package main

import (
	"io/fs"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/verify"
)

// dossier is everything the stages read, loaded and verified.
type dossier struct {
	corpus *source.Corpus
	site   *content.Site
	md     *markdown.Markdown
}

// load runs the read and verify stages over a project tree.
func load(fsys fs.FS) (*dossier, diag.List) {
	var problems diag.List
	md := markdown.New()
	corpus, ps := source.Load(fsys)
	problems.Add(ps...)
	site, ps := content.Load(fsys, md)
	problems.Add(ps...)
	problems.Add(verify.Check(corpus, site)...)
	problems.Sort()
	return &dossier{corpus: corpus, site: site, md: md}, problems
}

// renderSite runs extraction and rendering over a loaded dossier. Templates
// and static assets come from the project tree, so curators can change them.
func renderSite(fsys fs.FS, d *dossier, baseURL string) (render.Files, render.Stats, error) {
	var names []extract.Name
	for _, a := range d.site.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: a.Slug})
		}
	}
	tmpl, err := fs.Sub(fsys, "templates")
	if err != nil {
		return nil, render.Stats{}, err
	}
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, render.Stats{}, err
	}
	title := "Dossier"
	if d.site.Index != nil {
		title = d.site.Index.DocTitle
	}
	return render.Render(render.Input{
		Corpus: d.corpus, Site: d.site, Markdown: d.md,
		Mentions:  extract.NewMatcher(names).Mentions(d.corpus),
		Inbox:     inbox.Build(d.corpus, d.site),
		Templates: tmpl, Static: static, Title: title, BaseURL: baseURL,
	})
}
