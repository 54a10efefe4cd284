package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/search"
	"github.com/dossier-project/dossier/internal/text"
)

// The search index is written by package search under assets/search/, in
// shards a query loads as scripts (so search works from file://). Pages are
// indexed by title, keywords (aliases, roles, values) and opening prose;
// every content line of the sources by its text, labelled with its
// article's title, outlet and date. The inbox is not indexed: it is the
// curators' page.

// searchTextLen bounds how much of a page's prose goes into the index.
const searchTextLen = 600

// searchKinds are the kinds of search results, in the order results of
// equal relevance are listed.
var searchKinds = []search.Kind{
	{Name: "actor", Label: "Actor"}, {Name: "dispute", Label: "Dispute"}, {Name: "topic", Label: "Topic"},
	{Name: "event", Label: "Event"}, {Name: "place", Label: "Place"}, {Name: "measure", Label: "Measure"},
	{Name: "figure", Label: "Figure"}, {Name: "page", Label: "Page"}, {Name: "source", Label: "Source"},
}

// Sources is the search index's segments of the source lines, encoded on
// their own goroutine (StartSources). They depend on the seeds alone, so a
// build starts them before it extracts; NewPlan starts them itself when
// Input.Sources is nil.
type Sources struct {
	in    Input // what they were started with
	seeds seedIndex
	done  chan struct{}
	src   *search.Sources
	// index, when StartIndex was called, is the whole index being built
	// for site.
	index *searchBuild
	site  *content.Site
}

// StartSources starts encoding the source lines of in.Corpus for the search
// index. It reads in.Corpus, in.Version, in.NoKeys and in.SearchCache only;
// give NewPlan the same. Until Wait returns, the seeds must not change.
func StartSources(in Input) *Sources {
	s := &Sources{in: in, seeds: indexSeeds(in.Corpus, in.NoKeys), done: make(chan struct{})}
	groups := searchGroups(in, s.seeds)
	go func() {
		defer close(s.done)
		s.src = search.EncodeGroups(search.Options{Kinds: searchKinds, Cache: in.SearchCache}, groups)
	}()
	return s
}

// StartIndex starts building the whole search index, the pages of site
// and these source lines, on its own goroutine: a build that has loaded the
// dossier starts it before it extracts, so that NewPlan, which takes it
// when its Input.Site is site, need not wait for it at its end. Until Wait
// returns, the site must not change, but for the titles of its bodies'
// links, which the renderer sets and the index does not read (searchDocs).
func (s *Sources) StartIndex(site *content.Site) {
	s.site, s.index = site, startSearch(site, s)
}

// Wait waits until the source lines are encoded, and the index when it was
// started; a build that stops before NewPlan calls it so that nothing is
// left writing to the search cache.
func (s *Sources) Wait() {
	<-s.done
	if s.index != nil {
		s.index.wait()
	}
}

// fits reports whether the sources were started from what in holds.
func (s *Sources) fits(in Input) bool {
	return s.in.Corpus == in.Corpus && s.in.Version == in.Version && s.in.NoKeys == in.NoKeys && s.in.SearchCache == in.SearchCache
}

// searchBuild is the search index being built on its own goroutine.
type searchBuild struct {
	done chan struct{}
	ix   *search.Index
	err  error
}

// startSearch starts building the search index from the pages of site and
// the source lines src encodes.
func startSearch(site *content.Site, src *Sources) *searchBuild {
	b := &searchBuild{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		pages := searchDocs(site)
		<-src.done
		b.ix, b.err = search.BuildSources(search.Options{Kinds: searchKinds, Cache: src.in.SearchCache}, pages, src.src)
	}()
	return b
}

// wait returns the index once it is built.
func (b *searchBuild) wait() (*search.Index, error) {
	<-b.done
	return b.ix, b.err
}

// searchDocs lists the pages of site the index holds. It may run while
// the renderer indexes the site, which sets the titles of the bodies' links
// (indexBodies): it gives an unlabelled link the same title itself
// (resolveLink).
func searchDocs(site *content.Site) []search.Doc {
	published := publishedSlugs(site)
	title := func(l *markdown.WikiLink) string {
		_, t := resolveLink(site, published, l.Target)
		return t
	}
	var docs []search.Doc
	add := func(kind string, p *content.Page, keywords ...string) {
		if p.Draft {
			return
		}
		docs = append(docs, search.Doc{Kind: kind, Title: p.Title(), URL: URL(p), Keywords: strings.Join(keywords, " · "),
			Text: text.Shorten(text.OneLine(markdown.PlainTextTitled(p.AST, p.Body, title)), searchTextLen)})
	}
	for _, a := range site.Actors {
		add("actor", &a.Page, append(append([]string{}, a.Aliases...), a.Role)...)
	}
	for _, e := range site.Events {
		add("event", &e.Page, when(e))
	}
	for _, m := range site.Measures {
		add("measure", &m.Page, measureMeta(m))
	}
	for _, f := range site.Figures {
		kw := []string{FormatValue(f)}
		if m := site.Measure(f.Measure); m != nil {
			kw = append(kw, m.Title)
		}
		add("figure", &f.Page, kw...)
	}
	for _, d := range site.Disputes {
		add("dispute", &d.Page)
	}
	for _, t := range site.Topics {
		add("topic", &t.Page, t.Summary)
	}
	for _, p := range site.Places {
		add("place", &p.Page, p.Aliases...)
	}
	for _, d := range []*content.Doc{site.Index, site.About} {
		if d != nil {
			add("page", &d.Page, d.Description)
		}
	}
	return docs
}

// searchGroups lists the source lines the index holds, one group per seed,
// each keyed by what its documents are made from (shownKey). A rebuild makes
// the documents of the seeds whose key changed only.
func searchGroups(in Input, seeds seedIndex) []search.Group {
	groups := make([]search.Group, len(in.Corpus.Seeds))
	for i, s := range in.Corpus.Seeds {
		g := search.Group{ID: s.ID, Docs: func() []search.Doc {
			docs := make([]search.Doc, 0, len(s.Lines))
			at := SourceURL(s.ID) + "#L"
			for _, l := range s.Lines {
				if l.IsContent() {
					docs = append(docs, search.Doc{Kind: "source", Label: seeds.label(s, l.N), URL: at + strconv.Itoa(l.N), Text: l.Text, Group: s.ID})
				}
			}
			return docs
		}}
		if !in.NoKeys && s.Sum != ([32]byte{}) { // a seed not read from a file has its lines hashed
			h := newHasher()
			h.str(in.Version)
			h.key(seeds.keys[s.ID])
			g.Key = h.sum().String()
		}
		groups[i] = g
	}
	return groups
}

func (r *renderer) renderSearch(ix *search.Index, err error) error {
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for _, p := range ix.Paths() {
		if search.Immutable(p) {
			// Its name stands for its bytes: no need to hash them, nor to
			// read them from the cache unless the file is made.
			r.addKeyed(p, func(h *hasher) { h.str(p) }, func() ([]byte, error) { return ix.File(p) })
		} else {
			r.addFile(p, func() ([]byte, error) { return ix.File(p) })
		}
	}
	return r.renderSearchPage()
}

type azEntry struct{ Title, Kind, Href string }

func (e azEntry) key(h *hasher) { h.strs([]string{e.Title, e.Kind, e.Href}) }

type azLetter struct {
	Letter  string
	Entries []azEntry
}

func (l azLetter) key(h *hasher) {
	h.str(l.Letter)
	each(h, l.Entries)
}

type searchData struct{ Letters []azLetter }

func (d searchData) key(h *hasher) { each(h, d.Letters) }

// renderSearchPage writes search/index.html: the results page the search
// form submits to. With JavaScript it shows the results for ?q=; without, it
// lists every page A to Z, so the form still leads somewhere useful.
func (r *renderer) renderSearchPage() error {
	pg := &page{Path: "search/index.html", Title: "Search", Section: "search", Description: "Search the actors, events, figures, disputes, topics, places and sources."}
	type sorted struct {
		e     azEntry
		lower string // the title in lower case, which orders the entries
	}
	var ss []sorted
	for _, p := range r.in.Site.Pages() {
		if p.Draft || p.Type == content.TypePage {
			continue
		}
		t := p.Title()
		ss = append(ss, sorted{azEntry{Title: t, Kind: kindLabel(p.Type), Href: pg.Rel(URL(p))}, strings.ToLower(t)})
	}
	slices.SortStableFunc(ss, func(a, b sorted) int { return strings.Compare(a.lower, b.lower) })
	all := make([]azEntry, len(ss))
	for i, s := range ss {
		all[i] = s.e
	}
	var d searchData
	for _, e := range all {
		l := strings.ToUpper(firstLetter(e.Title))
		if len(d.Letters) == 0 || d.Letters[len(d.Letters)-1].Letter != l {
			d.Letters = append(d.Letters, azLetter{Letter: l})
		}
		d.Letters[len(d.Letters)-1].Entries = append(d.Letters[len(d.Letters)-1].Entries, e)
	}
	pg.Data = d
	r.addPage("search", pg.Path, func() (*page, error) { return pg, nil })
	return nil
}

// firstLetter is the A–Z heading a title files under; digits and symbols go under "#".
func firstLetter(s string) string {
	if c := s[:min(1, len(s))]; c >= "a" && c <= "z" || c >= "A" && c <= "Z" {
		return c
	}
	return "#"
}
