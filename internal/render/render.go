// Package render turns a verified dossier into the files of its website.
//
// It reads the layouts (html/template; base.html wraps every page, and each
// page type has its own file defining "main", with partials/) and the
// assets given in Input — the project's own laid over the default theme —
// and plans every output file as a Job, keyed by the inputs it declares (see
// Key). Nothing is rendered until a job runs; the caller runs them and
// writes the files (package build). Every link it writes is relative and
// names index.html explicitly, so the same files work at a domain root,
// under a project path such as /dossier/, and opened from disk.
//
// Output, relative to public/:
//
//	index.html                      the briefing (content/index.md) with key facts and a locator map
//	about/index.html                the method (content/about.md)
//	actors/index.html               actors grouped by side, by prominence; a network of who appears with whom
//	actors/<slug>/index.html        an actor, its events, figures, places and the lines naming it
//	timeline/index.html             the crisis period first, by month, then the background
//	timeline/<slug>/index.html      an event, with the previous and next one
//	figures/index.html              measures grouped by theme, disputes first
//	measures/<slug>/index.html      a measure: its figures compared, charted
//	figures/<slug>/index.html       a figure and its source line
//	disputes/index.html             every dispute of a number, a date or an account
//	disputes/<slug>/index.html      a dispute, each side's claim with its claimant and lines
//	topics/index.html               essays by weight; topics/<slug>/index.html each
//	places/index.html               a map of the places and their list; places/<slug>/index.html each
//	sources/index.html              the sources and their articles, in pages of sourcesPerPage
//	sources/page/N/index.html       the further pages of that list
//	sources/<id>/index.html         a line-numbered viewer of one source, line N at #LN
//	search/index.html               search results, and every page A to Z without script
//	print/index.html                the whole dossier on one page, for printing
//	inbox/index.html                the curators' page: what no page covers yet, per source
//	inbox/<id>/index.html           the items of one source
//	404.html, .nojekyll, atom.xml, sitemap.xml
//	data/dossier.json               the same facts, machine-readable
//	data/inbox/<id>.json            the inbox items of one source
//	assets/…                        the theme's assets, chroma.css (the source viewer's
//	                                token colours), sides.css (the sides' colours), search/…
//	                                (the search index, in shards)
//
// Output is deterministic: the same input gives the same bytes.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/geo"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/search"
	"github.com/dossier-project/dossier/internal/source"
)

// Input is what the render stage reads.
type Input struct {
	Corpus   *source.Corpus
	Site     *content.Site
	Markdown *markdown.Markdown
	Mentions map[string][]source.Ref // actor or place slug → lines naming it
	// CoMentions counts, for two slugs of Mentions in order, the lines
	// naming both.
	CoMentions map[[2]string]int
	Inbox      *inbox.Inbox               // what no curated page covers yet; nil for none
	Layouts    fs.FS                      // the layouts at its root (see package theme)
	Assets     fs.FS                      // copied to public/assets/
	Atlas      func() (*geo.Atlas, error) // outlines for the maps, read when one is drawn; nil draws none
	// BaseURL is the address the site is published at, ending in "/", or ""
	// when unknown. It makes sitemap.xml, the feed and the printed references
	// absolute and lets 404.html work at any depth; every other link stays
	// relative.
	BaseURL string
	// Version names the program that renders, so that keys change when
	// the code does; "" is fine when no cache is used.
	Version string
	// NoKeys skips computing keys: every job's key is the zero Key. For
	// builds that keep nothing between runs.
	NoKeys bool
	// SearchCache keeps the search index's encoded segments between
	// builds; nil encodes everything.
	SearchCache search.Cache
	// LayoutCache keeps the parsed layouts between renders of one process;
	// nil parses them every time.
	LayoutCache *LayoutCache
	// PrintCache keeps the printable page's trees and HTML between renders
	// of one process; nil makes them every time.
	PrintCache *PrintCache
	// Sources, when not nil, are the search index's source lines, started
	// with StartSources from the same input; nil starts them in NewPlan.
	Sources *Sources
	// Epoch, when not zero, is the key of every input of the build except
	// the seeds' texts: the program's version, BaseURL and every other
	// file of the project (the templates, the curated pages, sources.yaml,
	// the static files), by path and SHA-256. The stamps (Job.Stamp) are
	// made from it; a caller that cannot name all of these leaves it zero,
	// and no job has a stamp.
	Epoch Key
	// SeedEpoch is Epoch without the curated pages (the .md files of
	// content/): the files made from one seed and the curated pages are
	// stamped from it, with what they read of the curated pages named
	// besides (seedStamp, curatedStamp), so that an edit of a page leaves
	// the stamps of the files that do not show it. Zero: they are stamped
	// from Epoch.
	SeedEpoch Key
	// Seeds, when not zero, is the key of the seeds' texts (the .txt files
	// of seeds/) by path and SHA-256, of the same snapshot as Epoch: with
	// SeedEpoch it stamps the curated pages that read any line, which keep
	// their files through an edit of another page's body. Zero: they have
	// no stamp.
	Seeds Key
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

// renderer holds one render's state: parsed layouts, the lookup tables built
// from the input, and the jobs planned so far. Steps add jobs with addPage,
// addFile or addKeyed. Once planned, the renderer is only read, by jobs
// running concurrently.
type renderer struct {
	in        Input
	settings  *content.Settings
	layouts   *layoutSet
	cached    cachedOutput // what the pages' cached templates wrote (see page.Cached)
	site      *siteInfo
	siteKey   Key // what every page shows of the site: its name, language, navigation
	plan      *Plan
	backlinks map[string][]*content.Page // slug → published pages that link it
	outlinks  map[string][]*content.Page // slug → published pages it links
	citedBy   map[string]map[int][]*content.Page
	published map[string]bool
	related   map[pair]int              // co-mentions of actors, for the network
	maps      *mapFrames                // the dossier's map region, drawn once per kind of map
	prominent []*content.Actor          // the published actors, the most prominent first (byProminence)
	actors    map[string]*content.Actor // every actor by slug, published or not
	cites     map[string][]string       // page slug → the lines it cites, sorted, for the data export
	seeds     seedIndex                 // the articles' labels and the seeds' keys
	// The stamps of the curated pages that read only cited lines, and
	// those and the places' mention counts (makeCuratedStamps).
	curatedStamps [anyLine]Key
	// The same, from SeedEpoch and what every curated page shows the
	// others (facesKey) instead of every curated file, and for the pages
	// that read any line, from every seed (Input.Seeds): each page's stamp
	// adds its own file (curatedStamp).
	pageStamps [anyLine + 1]Key
	citedSeeds Key // citedSeedsKey, when keys are made
	facesOnce  sync.Once
	facesSum   Key // facesKey, once asked for (faces)
	// The published pages that list others by their front matter, by the
	// slug they list them under, in the site's order: an actor's, a
	// topic's and a place's events, a claimant's figures, and a place's
	// actors, the most prominent first; a measure's disputes.
	eventsOf, topicEvents, placeEvents map[string][]*content.Event
	disputesOf                         map[string][]*content.Dispute
	figuresOf                          map[string][]*content.Figure
	placeActors                        map[string][]*content.Actor
}

// siteInfo is what every page shows of the site.
type siteInfo struct {
	Title, Language, BaseURL string
	HasPlaces, HasDisputes   bool
}

// NewPlan lays out every file of the site as a job. It parses the layouts
// and indexes the dossier; rendering happens when the jobs run.
func NewPlan(in Input) (*Plan, error) {
	r := &renderer{in: in, settings: in.Site.Settings, plan: &Plan{}}
	// Four files or so per seed (a viewer, an inbox page and file, search
	// shards), one per curated page, and a few hundred more: the list is
	// made at about its size.
	r.plan.Jobs = make([]Job, 0, 5*len(in.Corpus.Seeds)+len(in.Site.Pages())+256)
	// The layouts are parsed while the dossier is indexed: neither needs
	// the other.
	type parsed struct {
		set *layoutSet
		err error
	}
	layouts := make(chan parsed, 1)
	go func() {
		set, err := in.LayoutCache.parse(in.Layouts)
		layouts <- parsed{set, err}
	}()
	src := in.Sources
	if src == nil || !src.fits(in) {
		src = StartSources(in)
	}
	r.seeds = src.seeds
	r.index()
	r.makeCuratedStamps()
	// The search index is built while the other files are planned, unless
	// the caller started it earlier (Sources.StartIndex): it only reads the
	// dossier. Its files join the plan at the end, and NewPlan does not
	// return before it is done, as it writes to the search cache.
	index := src.index
	if index == nil || src.site != in.Site {
		index = startSearch(in.Site, src)
	}
	defer index.wait()
	l := <-layouts
	if l.err != nil {
		return nil, l.err
	}
	r.layouts = l.set
	if err := checkAssets(in.Assets); err != nil {
		return nil, err
	}
	r.site = &siteInfo{Title: r.settings.Title, Language: r.settings.Language, BaseURL: in.BaseURL,
		HasPlaces: len(live(in.Site.Places)) > 0, HasDisputes: len(live(in.Site.Disputes)) > 0}
	h := newHasher()
	h.str(in.Version)
	h.str(r.site.Title)
	h.str(r.site.Language)
	h.str(r.site.BaseURL)
	h.bool(r.site.HasPlaces)
	h.bool(r.site.HasDisputes)
	r.siteKey = h.sum()
	var err error
	if r.maps, err = newMapFrames(in.Atlas, r.settings, in.Site.Places); err != nil {
		return nil, err
	}
	// Each step adds jobs; nothing is rendered until the jobs run.
	steps := []func() error{
		r.renderHome, r.renderAbout, r.renderActors, r.renderTimeline, r.renderFigures, r.renderDisputes,
		r.renderTopics, r.renderPlaces, r.renderSources, r.renderInbox, r.renderData,
		r.renderPrint, r.renderFeed, r.renderExtras, r.copyAssets,
		func() error { return r.renderSearch(index.wait()) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(r.plan.Jobs, func(a, b Job) int { return strings.Compare(a.Path, b.Path) })
	// The sitemap lists the pages planned by every other step, which are
	// in order now; its job joins them in its place.
	r.renderSitemap()
	if err := checkPaths(r.plan.Jobs); err != nil {
		return nil, err
	}
	return r.plan, nil
}

// live drops drafts from a list of pages.
func live[T interface{ IsDraft() bool }](xs []T) []T {
	var out []T
	for _, x := range xs {
		if !x.IsDraft() {
			out = append(out, x)
		}
	}
	return out
}

// page is the data every template receives.
type page struct {
	Path        string // output path of this page
	Title       string
	Description string
	Section     string        // "actors", "timeline", … for the navigation
	Body        template.HTML // set before the template runs; see lazyBody
	Refs        []reference
	Data        keyer
	// lazy are markdown bodies rendered into place (Body, or fields of
	// Data) when the page's file is made, not when its key is computed, so
	// pages whose key is unchanged never touch goldmark.
	lazy []*lazyBody
	// fill complete Data when the page's file is made, for data whose key
	// is declared from its inputs without making it.
	fill []func() error
	site *siteInfo
	run  *execution // set while the page's file is made
}

// key declares what the page shows beyond its layout and the site.
func (p *page) key(h *hasher) {
	h.str(p.Path)
	h.str(p.Title)
	h.str(p.Description)
	h.str(p.Section)
	h.int(len(p.lazy))
	for _, b := range p.lazy {
		h.key(b.key)
	}
	each(h, p.Refs)
	h.opt(p.Data)
}

// Rel links from this page to another output path.
func (p *page) Rel(to string) string { return relative(p.Path, to) }

// Dossier is the dossier's name, for headers and titles.
func (p *page) Dossier() string { return p.site.Title }

// Lang is the language of the pages.
func (p *page) Lang() string { return p.site.Language }

// BaseURL is the address the site is published at, or "".
func (p *page) BaseURL() string { return p.site.BaseURL }

// Nav lists the site's sections for the header. The inbox is a curators'
// page and is linked from the about page and the footer instead.
func (p *page) Nav() []navItem {
	items := []navItem{
		{"Briefing", "index.html", "home"}, {"Actors", "actors/index.html", "actors"},
		{"Timeline", "timeline/index.html", "timeline"}, {"Figures", "figures/index.html", "figures"},
	}
	if p.site.HasDisputes {
		items = append(items, navItem{"Disputes", "disputes/index.html", "disputes"})
	}
	items = append(items, navItem{"Topics", "topics/index.html", "topics"})
	if p.site.HasPlaces {
		items = append(items, navItem{"Places", "places/index.html", "places"})
	}
	items = append(items, navItem{"Sources", "sources/index.html", "sources"}, navItem{"About", "about/index.html", "about"})
	for i := range items {
		items[i].Href = p.Rel(items[i].Href)
	}
	return items
}

type navItem struct{ Label, Href, Section string }

func (r *renderer) executePage(layout string, p *page) ([]byte, error) {
	for _, f := range p.fill {
		if err := f(); err != nil {
			return nil, err
		}
	}
	size := 16 << 10 // the layout's own markup, about
	for _, b := range p.lazy {
		h, err := b.render(r.in.Markdown)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Path, err)
		}
		*b.into = h
		size += len(h)
	}
	// Room for the bodies too: the printable page's are megabytes, which a
	// buffer grown by doubling would copy several times over.
	b := bytes.NewBuffer(pageBuffer(size))
	p.run = &execution{r: r, layout: layout}
	defer func() { p.run = nil }()
	l, err := r.layouts.layout(layout)
	if err != nil {
		return nil, err
	}
	if err := l.t.ExecuteTemplate(b, "base.html", p); err != nil {
		return nil, r.layouts.error(layout+".html", p.Path, err)
	}
	return b.Bytes(), nil
}

// pageBuffers holds the memory of pages written and published, for the
// pages made after them (see Job.Recycle): a large site's pages are most of
// what its build allocates, and new memory must be cleared first.
var pageBuffers sync.Pool

// pageBuffer returns an empty buffer with room for size bytes.
func pageBuffer(size int) []byte {
	if b, ok := pageBuffers.Get().(*[]byte); ok {
		if cap(*b) >= size {
			return (*b)[:0]
		}
		pageBuffers.Put(b) // for a smaller page
	}
	return make([]byte, 0, size)
}

// recyclePage takes back the bytes of a page executePage made, which no one
// reads any more.
func recyclePage(b []byte) { pageBuffers.Put(&b) }

// index builds the tables backlinks, the source viewer and the orderings need.
func (r *renderer) index() {
	r.backlinks = map[string][]*content.Page{}
	r.outlinks = map[string][]*content.Page{}
	r.citedBy = map[string]map[int][]*content.Page{}
	r.cites = map[string][]string{}
	r.actors = map[string]*content.Actor{}
	for _, a := range r.in.Site.Actors {
		if r.actors[a.Slug] == nil {
			r.actors[a.Slug] = a
		}
	}
	r.published = publishedSlugs(r.in.Site)
	r.indexBodies()
	r.indexFrontMatter()
	for _, ps := range r.backlinks {
		sortPages(ps)
	}
	for _, ps := range r.outlinks {
		sortPages(ps)
	}
	for _, lines := range r.citedBy {
		for _, ps := range lines {
			sortPages(ps)
		}
	}
	r.related = r.coMentions()
	r.prominent = r.byProminence(live(r.in.Site.Actors))
	site := r.in.Site
	events := live(site.Events)
	r.eventsOf = listing(events, func(e *content.Event) []string { return e.Actors })
	r.topicEvents = listing(events, func(e *content.Event) []string { return e.Topics })
	r.placeEvents = listing(events, func(e *content.Event) []string { return e.Places })
	r.figuresOf = listing(live(site.Figures), func(f *content.Figure) []string { return []string{f.ClaimedBy} })
	r.disputesOf = listing(live(site.Disputes), func(d *content.Dispute) []string { return []string{d.Measure} })
	r.placeActors = listing(r.prominent, func(a *content.Actor) []string { return a.Places })
}

// listing lists xs under each key keys gives them, in the order of xs, each
// once under a key.
func listing[T any](xs []T, keys func(T) []string) map[string][]T {
	out := map[string][]T{}
	for _, x := range xs {
		ks := keys(x)
		for i, k := range ks {
			if !slices.Contains(ks[:i], k) {
				out[k] = append(out[k], x)
			}
		}
	}
	return out
}

// publishedSlugs are the slugs of site's pages that are not drafts.
func publishedSlugs(site *content.Site) map[string]bool {
	published := map[string]bool{}
	for _, p := range site.Pages() {
		if !p.Draft {
			published[p.Slug] = true
		}
	}
	return published
}

// resolveLink returns the page a wiki link's target names in site, if any,
// and the title the link shows: the page's, when it is published, else ""
// (the link then shows its label or its target).
func resolveLink(site *content.Site, published map[string]bool, target string) (*content.Page, string) {
	q, err := site.Resolve(target)
	switch {
	case err != nil:
		return nil, ""
	case published[q.Slug]:
		return q, q.Title()
	}
	return q, ""
}

// link records that page from links to the page slug, when both count: a
// draft links nowhere, and nothing links to a draft or to itself.
func (r *renderer) link(from *content.Page, slug string) {
	if from.Draft || from.Slug == slug || !r.published[slug] {
		return
	}
	if !slices.Contains(r.backlinks[slug], from) {
		r.backlinks[slug] = append(r.backlinks[slug], from)
	}
	if to := r.in.Site.Page(slug); to != nil && !slices.Contains(r.outlinks[from.Slug], to) {
		r.outlinks[from.Slug] = append(r.outlinks[from.Slug], to)
	}
}

// indexBodies records the links and citations in every page's body.
func (r *renderer) indexBodies() {
	site := r.in.Site
	for _, p := range site.Pages() {
		cites, links := p.Nodes()
		for _, l := range links {
			// Titles do not depend on the linking page; setting them
			// here lets steps read them (markdown.PlainText) before the
			// page's own job resolves its links. A tree may come from an
			// earlier build (content.LoadReusing): each is set afresh.
			q, title := resolveLink(site, r.published, l.Target)
			l.Title = title
			if q != nil {
				r.link(p, q.Slug)
			}
		}
		if p.Draft {
			continue
		}
		seen := map[string]bool{}
		for _, c := range cites {
			for _, ref := range c.Refs {
				r.cite(p, ref)
				if k := ref.String(); !seen[k] {
					seen[k] = true
					r.cites[p.Slug] = append(r.cites[p.Slug], k)
				}
			}
		}
		sort.Strings(r.cites[p.Slug])
	}
}

// indexFrontMatter records the links and citations front matter makes: an
// event's actors, topics and places, an actor's places, a topic's actors,
// a figure's claimant, measure and line, a dispute's measure and claims.
func (r *renderer) indexFrontMatter() {
	site := r.in.Site
	for _, e := range site.Events {
		for _, s := range slices.Concat(e.Actors, e.Topics, e.Places) {
			r.link(&e.Page, s)
		}
	}
	for _, a := range site.Actors {
		for _, s := range a.Places {
			r.link(&a.Page, s)
		}
	}
	for _, t := range site.Topics {
		for _, s := range t.Actors {
			r.link(&t.Page, s)
		}
	}
	for _, f := range site.Figures {
		r.link(&f.Page, f.ClaimedBy)
		r.link(&f.Page, f.Measure)
		if !f.Draft && f.Source.Seed != "" {
			r.cite(&f.Page, f.Source)
		}
	}
	for _, d := range site.Disputes {
		if d.Measure != "" {
			r.link(&d.Page, d.Measure)
		}
		for _, c := range d.Claims {
			r.link(&d.Page, c.ClaimedBy)
			if !d.Draft {
				for _, ref := range c.Citations {
					r.cite(&d.Page, ref)
				}
			}
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

func (l link) key(h *hasher) {
	h.str(l.Title)
	h.str(l.Href)
	h.str(l.Kind)
}

// pageLinks turns pages into links relative to `from`.
func pageLinks(from string, ps []*content.Page) []link {
	out := make([]link, 0, len(ps))
	for _, p := range ps {
		out = append(out, link{Title: p.Title(), Href: relative(from, URL(p)), Kind: kindLabel(p.Type)})
	}
	return out
}

// slugLinks links the published pages of some slugs.
func (r *renderer) slugLinks(from string, slugs []string) []link {
	var out []link
	for _, s := range slugs {
		if p := r.in.Site.Page(s); p != nil && r.published[s] {
			out = append(out, link{Title: p.Title(), Href: relative(from, URL(p)), Kind: kindLabel(p.Type)})
		}
	}
	return out
}

// backlinkList links the published pages that link the slug.
func (r *renderer) backlinkList(from, slug string) []link {
	return pageLinks(from, r.backlinks[slug])
}

func kindLabel(t content.Type) string {
	switch t {
	case content.TypeActor:
		return "actor"
	case content.TypeEvent:
		return "event"
	case content.TypeMeasure:
		return "measure"
	case content.TypeFigure:
		return "figure"
	case content.TypeDispute:
		return "dispute"
	case content.TypeTopic:
		return "topic"
	case content.TypePlace:
		return "place"
	}
	return "page"
}

// sideLabel is a side's label for readers.
func (r *renderer) sideLabel(slug string) string {
	if s := r.settings.Side(slug); s != nil {
		return s.Label
	}
	return slug
}
