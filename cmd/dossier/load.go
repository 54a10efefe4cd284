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

// actorNames lists every actor's name and aliases, for finding mentions.
func actorNames(d *dossier) []extract.Name {
	var names []extract.Name
	for _, a := range d.site.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: a.Slug})
		}
	}
	return names
}

// planSite plans the rendering of every file of a loaded dossier, given the
// actor mentions extracted from it and its inbox. Templates and static assets come from
// the project tree, so curators can change them; version names the program
// for the cache keys.
func planSite(fsys fs.FS, d *dossier, mentions map[string][]source.Ref, ib *inbox.Inbox, baseURL, version string) (*render.Plan, error) {
	tmpl, err := fs.Sub(fsys, "templates")
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, err
	}
	title := "Dossier"
	if d.site.Index != nil {
		title = d.site.Index.DocTitle
	}
	return render.NewPlan(render.Input{
		Corpus: d.corpus, Site: d.site, Markdown: d.md,
		Mentions:  mentions,
		Inbox:     ib,
		Templates: tmpl, Static: static, Title: title, BaseURL: baseURL, Version: version,
	})
}
