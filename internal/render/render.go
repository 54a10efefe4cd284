// Package render turns a verified dossier into the files of its website.
//
// It reads the layouts in templates/ (html/template; base.html wraps every
// page, and each page type has its own file defining "main") and the assets
// in static/, and returns every output file in memory, keyed by its path in
// public/. Every link it writes is relative and names index.html explicitly,
// so the same files work at a domain root, under a project path such as
// /dossier/, and opened from disk.
//
// Pages:
//
//	index.html                     the briefing (content/index.md)
//	about/index.html               the method (content/about.md)
//	actors/index.html              actors grouped by side; actors/<slug>/index.html each
//	timeline/index.html            events by date;          timeline/<slug>/index.html each
//	figures/index.html             figures by measure;      figures/<slug>/index.html each
//	topics/index.html              essays;                  topics/<slug>/index.html each
//	sources/index.html             seeds and their articles; sources/<id>/index.html a
//	                               line-numbered viewer, line N at #LN
//	inbox/index.html               what the sources bring that no page covers (unreviewed)
//	404.html, .nojekyll, data/dossier.json, assets/…
//
// Output is deterministic: the same input gives the same bytes.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

// Input is what the render stage reads.
type Input struct {
	Corpus    *source.Corpus
	Site      *content.Site
	Markdown  *markdown.Markdown
	Mentions  map[string][]source.Ref // actor slug → lines naming the actor
	Inbox     *inbox.Inbox            // what no curated page covers yet; nil for none
	Templates fs.FS                   // holds the layouts at its root
	Static    fs.FS                   // copied to public/assets/
	Title     string                  // the dossier's name, for headers and feeds
	// BaseURL is the address the site is published at, ending in "/", or ""
	// when unknown. It makes sitemap.xml, the feed and the printed references
	// absolute and lets 404.html work at any depth; every other link stays
	// relative.
	BaseURL string
	// Version names the program that renders, so that keys change when
	// the code does (see Key); "" is fine when no cache is used.
	Version string
}

// Files is the rendered site: output path → bytes.
type Files map[string][]byte

// Stats counts what a render produced.
type Stats struct {
	Pages     int // HTML pages
	Citations int // citation references rendered
}

// URL returns the output path of a content page.
func URL(p *content.Page) string {
	if p.Type == content.TypePage {
		if p.Slug == "index" {
			return "index.html"
		}
		return p.Slug + "/index.html"
	}
	return string(p.Type) + "/" + p.Slug + "/index.html"
}

// SourceURL returns the output path of a seed's viewer page.
func SourceURL(seed string) string { return "sources/" + seed + "/index.html" }

// relative returns the link from page `from` to `to`, both output paths.
func relative(from, to string) string {
	depth := strings.Count(from, "/")
	return strings.Repeat("../", depth) + to
}

// renderer holds one render's state: parsed templates, the lookup tables
// built from the input, and the jobs planned so far. Steps add jobs with
// execute, addPage or addFile, or put small files straight into files.
// Once planned, the renderer is only read, by jobs running concurrently.
type renderer struct {
	in        Input
	layouts   *layoutSet
	base      Key // the layouts and Input.Version; part of every page's key
	plan      *Plan
	files     Files
	backlinks map[string][]*content.Page // slug → published pages that link it
	citedBy   map[string]map[int][]*content.Page
	published map[string]bool
	related   map[pair]int // co-mentions of actors, for the network
}

// NewPlan lays out every file of the site as a job. It parses the templates
// and indexes the dossier; rendering happens when the jobs run.
func NewPlan(in Input) (*Plan, error) {
	r := &renderer{in: in, files: Files{}, plan: &Plan{}}
	tk, err := templateKey(in.Templates)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if r.base, err = hashValues(tk, in.Version); err != nil {
		return nil, err
	}
	if r.layouts, err = parseLayouts(in.Templates); err != nil {
		return nil, err
	}
	r.index()
	// Each step adds jobs (execute, executeLater, addPage, addFile) or puts
	// small files into r.files; nothing is rendered until the jobs run.
	steps := []func() error{
		r.renderContentPages, r.renderIndexes, r.renderSources, r.renderInbox, r.renderData, r.renderExtras,
		r.renderSearch, r.renderPrint, r.renderFeed, r.renderSitemap, r.copyStatic,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	// Files a step made directly become jobs keyed by their bytes.
	for p, b := range r.files {
		r.addFile(p, func() ([]byte, error) { return b, nil })
	}
	jobs := r.plan.Jobs
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].Path < jobs[j].Path })
	for i := 1; i < len(jobs); i++ {
		if jobs[i].Path == jobs[i-1].Path {
			return nil, fmt.Errorf("render: two files would be written to %s", jobs[i].Path)
		}
	}
	return r.plan, nil
}

// page is the data every template receives.
type page struct {
	Path        string // output path of this page
	Title       string
	Description string
	Section     string // "actors", "timeline", … for the navigation
	Dossier     string
	BaseURL     string
	Body        template.HTML // set before the template runs; see body
	Refs        []reference
	Data        any
	// lazy are markdown bodies rendered into place (Body, or fields of
	// Data) when the page's file is made, not when its key is computed, so
	// pages whose key is unchanged never touch goldmark.
	lazy []*lazyBody
}

// Rel links from this page to another output path.
func (p *page) Rel(to string) string { return relative(p.Path, to) }

// Nav lists the site's sections for the header.
func (p *page) Nav() []navItem {
	items := []navItem{
		{"Briefing", "index.html", "home"}, {"Actors", "actors/index.html", "actors"},
		{"Timeline", "timeline/index.html", "timeline"}, {"Figures", "figures/index.html", "figures"},
		{"Topics", "topics/index.html", "topics"}, {"Sources", "sources/index.html", "sources"},
		{"Inbox", "inbox/index.html", "inbox"}, {"About", "about/index.html", "about"},
	}
	for i := range items {
		items[i].Href = p.Rel(items[i].Href)
	}
	return items
}

type navItem struct{ Label, Href, Section string }

// execute adds the page p, rendered with the layout name, to the site. The
// template runs later, when the page's job does; p must not change after.
func (r *renderer) execute(name string, p *page) error {
	r.addPage(name, p.Path, func() (*page, error) { return p, nil })
	return nil
}

// executeLater is execute with the page's data made when its job runs, in
// parallel with other jobs, for pages that take time to prepare.
func (r *renderer) executeLater(name, path string, build func() (*page, error)) error {
	r.addPage(name, path, build)
	return nil
}

func (r *renderer) executePage(name string, p *page) ([]byte, error) {
	for _, b := range p.lazy {
		h, err := b.render(r.in.Markdown)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Path, err)
		}
		*b.into = h
	}
	var b bytes.Buffer
	if err := r.layouts.byName[name].ExecuteTemplate(&b, "base.html", p); err != nil {
		return nil, r.layouts.error(name+".html", p.Path, err)
	}
	return b.Bytes(), nil
}

// index builds the tables backlinks and the source viewer need.
func (r *renderer) index() {
	r.backlinks = map[string][]*content.Page{}
	r.citedBy = map[string]map[int][]*content.Page{}
	r.published = map[string]bool{}
	site := r.in.Site
	for _, p := range site.Pages() {
		if !p.Draft {
			r.published[p.Slug] = true
		}
	}
	link := func(from *content.Page, slug string) {
		if from.Draft || from.Slug == slug {
			return
		}
		if slices.Contains(r.backlinks[slug], from) {
			return
		}
		r.backlinks[slug] = append(r.backlinks[slug], from)
	}
	for _, p := range site.Pages() {
		cites, links := markdown.Nodes(p.AST)
		for _, l := range links {
			if q, err := site.Resolve(l.Target); err == nil {
				link(p, q.Slug)
				// Titles do not depend on the linking page; setting them
				// here lets steps read them (markdown.PlainText) before
				// the page's own job resolves its links.
				if r.published[q.Slug] {
					l.Title = q.Title()
				}
			}
		}
		if p.Draft {
			continue
		}
		for _, c := range cites {
			for _, ref := range c.Refs {
				r.cite(p, ref)
			}
		}
	}
	for _, e := range site.Events {
		for _, s := range append(append([]string{}, e.Actors...), e.Topics...) {
			link(&e.Page, s)
		}
	}
	for _, t := range site.Topics {
		for _, s := range t.Actors {
			link(&t.Page, s)
		}
	}
	for _, f := range site.Figures {
		link(&f.Page, f.ClaimedBy)
		if !f.Draft && f.Source.Seed != "" {
			r.cite(&f.Page, f.Source)
		}
	}
	for _, ps := range r.backlinks {
		sortPages(ps)
	}
	r.related = r.coMentions()
	for _, lines := range r.citedBy {
		for _, ps := range lines {
			sortPages(ps)
		}
	}
}

func (r *renderer) cite(p *content.Page, ref source.Ref) {
	if r.citedBy[ref.Seed] == nil {
		r.citedBy[ref.Seed] = map[int][]*content.Page{}
	}
	for n := ref.First; n <= ref.Last; n++ {
		ps := r.citedBy[ref.Seed][n]
		if !slices.Contains(ps, p) {
			r.citedBy[ref.Seed][n] = append(ps, p)
		}
	}
}

func sortPages(ps []*content.Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Type != ps[j].Type {
			return ps[i].Type < ps[j].Type
		}
		return ps[i].Slug < ps[j].Slug
	})
}

// link is a titled link for templates.
type link struct {
	Title, Href, Kind string
}

// pageLinks turns pages into links relative to `from`.
func pageLinks(from string, ps []*content.Page) []link {
	out := make([]link, 0, len(ps))
	for _, p := range ps {
		out = append(out, link{Title: p.Title(), Href: relative(from, URL(p)), Kind: kindLabel(p.Type)})
	}
	return out
}

func kindLabel(t content.Type) string {
	switch t {
	case content.TypeActor:
		return "actor"
	case content.TypeEvent:
		return "event"
	case content.TypeFigure:
		return "figure"
	case content.TypeTopic:
		return "topic"
	}
	return "page"
}

func (r *renderer) copyStatic() error {
	if r.in.Static == nil {
		return nil
	}
	return fs.WalkDir(r.in.Static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r.addFile(path.Join("assets", p), func() ([]byte, error) { return fs.ReadFile(r.in.Static, p) })
		return nil
	})
}
