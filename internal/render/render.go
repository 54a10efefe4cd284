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
	"unicode"
	"unicode/utf8"

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

// renderer holds one render's state: parsed templates and the lookup tables
// built from the input.
type renderer struct {
	in        Input
	tmpl      map[string]*template.Template
	files     Files
	stats     Stats
	backlinks map[string][]*content.Page // slug → published pages that link it
	citedBy   map[string]map[int][]*content.Page
	published map[string]bool
	related   map[pair]int // co-mentions of actors, for the network
}

// Render produces every file of the site.
func Render(in Input) (Files, Stats, error) {
	r := &renderer{in: in, files: Files{}}
	if err := r.parseTemplates(); err != nil {
		return nil, Stats{}, err
	}
	r.index()
	steps := []func() error{
		r.renderContentPages, r.renderIndexes, r.renderSources, r.renderInbox, r.renderData, r.renderExtras,
		r.renderSearch, r.renderPrint, r.renderFeed, r.renderSitemap, r.copyStatic,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, Stats{}, err
		}
	}
	return r.files, r.stats, nil
}

// templateNames are the page layouts; each is parsed together with base.html.
var templateNames = []string{
	"home", "page", "actors", "actor", "timeline", "event", "figures", "figure",
	"topics", "topic", "sources", "source", "inbox", "404", "search", "print",
}

func (r *renderer) parseTemplates() error {
	base, err := template.New("base.html").Funcs(funcs).ParseFS(r.in.Templates, "base.html", "partials/*.html")
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	r.tmpl = map[string]*template.Template{}
	for _, name := range templateNames {
		t, err := template.Must(base.Clone()).ParseFS(r.in.Templates, name+".html")
		if err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		r.tmpl[name] = t
	}
	return nil
}

var funcs = template.FuncMap{
	"join":  strings.Join,
	"title": upperFirst,
	"add":   func(a, b int) int { return a + b },
	// dict builds a map for passing several values to a partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key-value pairs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// upperFirst capitalises the first letter, for headings made from units.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// page is the data every template receives.
type page struct {
	Path        string // output path of this page
	Title       string
	Description string
	Section     string // "actors", "timeline", … for the navigation
	Dossier     string
	BaseURL     string
	Body        template.HTML
	Refs        []reference
	Data        any
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

func (r *renderer) execute(name string, p *page) error {
	p.Dossier, p.BaseURL = r.in.Title, r.in.BaseURL
	var b bytes.Buffer
	if err := r.tmpl[name].ExecuteTemplate(&b, "base.html", p); err != nil {
		return fmt.Errorf("templates: %s.html for %s: %w", name, p.Path, err)
	}
	r.files[p.Path] = b.Bytes()
	r.stats.Pages++
	return nil
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
		cites, links := markdown.Nodes(p.Doc)
		for _, l := range links {
			if q, err := site.Resolve(l.Target); err == nil {
				link(p, q.Slug)
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
		b, err := fs.ReadFile(r.in.Static, p)
		if err != nil {
			return err
		}
		r.files[path.Join("assets", p)] = b
		return nil
	})
}
