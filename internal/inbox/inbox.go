// Package inbox lists what the sources bring that no curated page covers
// yet, and drafts pages for it.
//
// It runs the extractors of package extract over every content line of
// every seed and keeps, per source:
//
//	name    a proper name no actor or place page has as name or alias
//	place   a name the text shows to be a place ("in Khost", "Paktika
//	        province", a country) that no place page has as name or alias
//	date    a dated mention (day, month or approximate; or one that cannot be
//	        resolved) unless a published event with that date cites the line
//	figure  a number unless a published figure states that value from that line
//	quote   a quotation of four words or more, or with a speaker, unless a
//	        published page citing the line quotes it
//
// Extraction (Find) and the check against the curated pages (BuildFound)
// are separate steps: what the extractors find in a seed does not depend on
// the pages, so a caller may keep it between builds, while the check runs on
// every build.
//
// Every item is unreviewed: it comes from the pipeline, not from a curator.
// An item a draft page already covers stays in the inbox, marked with the
// draft's file, until the draft is published (its `draft: true` removed).
package inbox

import (
	"math"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

// The kinds of item, in the order the inbox shows them.
const (
	KindName   = "name"
	KindPlace  = "place"
	KindDate   = "date"
	KindFigure = "figure"
	KindQuote  = "quote"
)

// Kinds lists the item kinds in display order.
var Kinds = []string{KindName, KindPlace, KindDate, KindFigure, KindQuote}

// Item is one thing a source brings that no published page covers.
type Item struct {
	Kind    string
	Source  string // seed ID
	Line    int
	Text    string // the sentence it came from, or the name as written
	Value   string // the name, the date (YYYY[-MM[-DD]], "" when unresolved), the number, or the quotation
	Detail  string // title and kind, how a date was resolved, unit and speaker, or the speaker
	Also    []int  // further lines of the same source where a name occurs
	Drafted string // the draft page covering the item, or ""

	Name   *extract.NameMention
	Date   *extract.DateMention
	Figure *extract.Figure
	Quote  *extract.Quote
}

// Source is one seed's items, in line order.
type Source struct {
	Seed  *source.Seed
	Items []Item
}

// Count returns how many items of a kind the source brings.
func (s Source) Count(kind string) int {
	n := 0
	for _, it := range s.Items {
		if it.Kind == kind {
			n++
		}
	}
	return n
}

// Inbox is every source's items, newest source (highest number) first.
// Sources that bring nothing are left out.
type Inbox struct {
	Sources []Source
}

// Len is the number of items.
func (ib *Inbox) Len() int {
	n := 0
	for _, s := range ib.Sources {
		n += len(s.Items)
	}
	return n
}

// Source returns the items of one seed, or nil.
func (ib *Inbox) Source(id string) *Source {
	for i := range ib.Sources {
		if ib.Sources[i].Seed.ID == id {
			return &ib.Sources[i]
		}
	}
	return nil
}

// Coverage indexes what the curated pages say about each source line.
type Coverage struct {
	published, drafts    *extract.Matcher  // actors' names: published ones, and all
	actorFile            map[string]string // actor slug → file, for drafts
	events, draftEvents  map[lineKey][]*content.Event
	figures, draftFigure map[lineKey][]*content.Figure
	quotes               map[lineKey][]string // normalised quotations of published blocks citing the line
}

type lineKey struct {
	seed string
	line int
}

// Build computes the inbox of a dossier, running every extractor over every
// seed, one after another. The build orchestrator runs Find and
// Coverage.Source per seed in parallel instead.
func Build(c *source.Corpus, site *content.Site) *Inbox {
	known := extract.NewMatcher(Known(site))
	found := make([]Found, len(c.Seeds))
	for i, s := range c.Seeds {
		found[i] = Find(s, known)
	}
	return BuildFound(c, site, found)
}

// BuildFound computes the inbox of a dossier from what the extractors found
// in each seed (found[i] is Find of c.Seeds[i] with the matcher of
// Known(site)), leaving out what the curated pages cover.
func BuildFound(c *source.Corpus, site *content.Site, found []Found) *Inbox {
	cov := Index(site)
	srcs := make([]Source, len(c.Seeds))
	for i, s := range c.Seeds {
		srcs[i] = cov.Source(s, found[i])
	}
	return Assemble(srcs)
}

// Assemble makes the inbox of every seed's items (in seed order), newest
// source first, leaving out sources that bring nothing.
func Assemble(srcs []Source) *Inbox {
	ib := &Inbox{}
	for i := len(srcs) - 1; i >= 0; i-- {
		if len(srcs[i].Items) > 0 {
			ib.Sources = append(ib.Sources, srcs[i])
		}
	}
	return ib
}

// Source lists what one seed brings, given what the extractors found in it:
// per line, names, then dates, figures and quotations. It only reads cov, so
// it may run for several seeds at once.
func (cov *Coverage) Source(s *source.Seed, f Found) Source {
	src := Source{Seed: s}
	names := map[string]int{} // name → index in src.Items
	for ni, fi := 0, 0; ni < len(f.Names) || fi < len(f.Facts); {
		line := math.MaxInt
		if ni < len(f.Names) {
			line = f.Names[ni].Line
		}
		if fi < len(f.Facts) {
			line = min(line, f.Facts[fi].Line)
		}
		key := lineKey{s.ID, line}
		for ; ni < len(f.Names) && f.Names[ni].Line == line; ni++ {
			for k := range f.Names[ni].Names {
				n := &f.Names[ni].Names[k]
				if j, ok := names[n.Name]; ok {
					src.Items[j].Also = append(src.Items[j].Also, line)
					continue
				}
				it := Item{Kind: KindName, Source: s.ID, Line: line, Text: n.Text, Value: n.Name, Detail: nameDetail(n), Name: n}
				if n.Kind == "place" {
					it.Kind = KindPlace
				}
				if slug, ok := cov.drafts.Known(n.Name); ok {
					it.Drafted = cov.actorFile[slug]
				}
				names[n.Name] = len(src.Items)
				src.Items = append(src.Items, it)
			}
		}
		for ; fi < len(f.Facts) && f.Facts[fi].Line == line; fi++ {
			facts := &f.Facts[fi]
			var stamp string
			if len(facts.Dates) > 0 {
				stamp = Published(s, line).String()
			}
			for i := range facts.Dates {
				if facts.Dates[i].Text == stamp {
					continue // the article's own date stamp ("date 2025-11-09"), not an event
				}
				if it, ok := cov.date(key, &facts.Dates[i]); ok {
					src.Items = append(src.Items, it)
				}
			}
			for i := range facts.Figures {
				if it, ok := cov.figure(key, &facts.Figures[i]); ok {
					src.Items = append(src.Items, it)
				}
			}
			for i := range facts.Quotes {
				if it, ok := cov.quote(key, &facts.Quotes[i]); ok {
					src.Items = append(src.Items, it)
				}
			}
		}
	}
	return src
}

func nameDetail(n *extract.NameMention) string {
	if n.Kind == "place" {
		if n.Place == "" {
			return "place"
		}
		return "place; " + n.Place
	}
	if n.Title != "" {
		return n.Kind + "; title: " + n.Title
	}
	return n.Kind
}

// date, figure and quote make the item of a fact of the line key, unless
// a published page covers it. The item points at the fact, which it shares
// with f (Found): neither is changed afterwards.
func (cov *Coverage) date(key lineKey, d *extract.DateMention) (Item, bool) {
	if d.Precision == "year" {
		return Item{}, false // background years are too coarse to be events
	}
	it := Item{Kind: KindDate, Source: key.seed, Line: key.line, Text: d.Sentence, Value: d.Date.String(), Detail: d.Text, Date: d}
	if d.Note != "" {
		it.Detail += " — " + d.Note
	}
	same := func(e *content.Event) bool { return !d.Resolved() || e.Date.Compare(d.Date) == 0 }
	for _, e := range cov.events[key] {
		if same(e) {
			return Item{}, false
		}
	}
	for _, e := range cov.draftEvents[key] {
		if same(e) {
			it.Drafted = e.File
		}
	}
	return it, true
}

func (cov *Coverage) figure(key lineKey, f *extract.Figure) (Item, bool) {
	it := Item{Kind: KindFigure, Source: key.seed, Line: key.line, Text: f.Sentence, Value: f.Text, Figure: f}
	var detail []string
	if f.Qualifier != "" {
		detail = append(detail, f.Qualifier)
	}
	if f.Unit != "" {
		detail = append(detail, f.Unit)
	}
	if f.Speaker != "" {
		detail = append(detail, "according to "+f.Speaker)
	}
	it.Detail = strings.Join(detail, "; ")
	for _, p := range cov.figures[key] {
		if p.Value == f.Value {
			return Item{}, false
		}
	}
	for _, p := range cov.draftFigure[key] {
		if p.Value == f.Value {
			it.Drafted = p.File
		}
	}
	return it, true
}

func (cov *Coverage) quote(key lineKey, q *extract.Quote) (Item, bool) {
	if q.Words < 4 && q.Speaker == "" {
		return Item{}, false // a scare quote: “open war”
	}
	var nq string
	if cqs := cov.quotes[key]; len(cqs) > 0 {
		nq = normalize(q.Text)
	}
	for _, cq := range cov.quotes[key] {
		for _, part := range strings.FieldsFunc(cq, func(r rune) bool { return r == '…' }) {
			if part = strings.TrimSpace(strings.TrimSuffix(part, "...")); len(strings.Fields(part)) >= 2 && (strings.Contains(nq, part) || strings.Contains(part, nq)) {
				return Item{}, false
			}
		}
	}
	return Item{Kind: KindQuote, Source: key.seed, Line: key.line, Text: q.Text, Value: q.Text, Detail: q.Speaker, Quote: q}, true
}

var quoteMarks = strings.NewReplacer("“", "", "”", "", `"`, "", "‘", "'", "’", "'", "\u00a0", " ")

func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(quoteMarks.Replace(s)), " "))
}

// Index reads what every page covers.
func Index(site *content.Site) *Coverage {
	cov := &Coverage{actorFile: map[string]string{},
		events: map[lineKey][]*content.Event{}, draftEvents: map[lineKey][]*content.Event{},
		figures: map[lineKey][]*content.Figure{}, draftFigure: map[lineKey][]*content.Figure{},
		quotes: map[lineKey][]string{}}
	var all, published []extract.Name
	for _, a := range site.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			all = append(all, extract.Name{Text: n, Key: a.Slug})
			if !a.Draft {
				published = append(published, extract.Name{Text: n, Key: a.Slug})
			}
		}
		cov.actorFile[a.Slug] = a.File
	}
	cov.published, cov.drafts = extract.NewMatcher(published), extract.NewMatcher(all)
	for _, e := range site.Events {
		m := cov.events
		if e.Draft {
			m = cov.draftEvents
		}
		for _, k := range citedLines(&e.Page) {
			m[k] = append(m[k], e)
		}
	}
	for _, f := range site.Figures {
		m := cov.figures
		if f.Draft {
			m = cov.draftFigure
		}
		for n := f.Source.First; n <= f.Source.Last && f.Source.Seed != ""; n++ {
			k := lineKey{f.Source.Seed, n}
			m[k] = append(m[k], f)
		}
	}
	for _, p := range site.Pages() {
		if p.Draft {
			continue
		}
		for _, b := range markdown.Blocks(p.AST, p.Body) {
			qs := b.Quotes()
			if len(qs) == 0 {
				continue
			}
			for _, c := range b.Citations {
				for _, r := range c.Refs {
					for n := r.First; n <= r.Last; n++ {
						k := lineKey{r.Seed, n}
						for _, q := range qs {
							cov.quotes[k] = append(cov.quotes[k], normalize(q))
						}
					}
				}
			}
		}
	}
	return cov
}

// citedLines lists the lines a page cites.
func citedLines(p *content.Page) []lineKey {
	cites, _ := markdown.Nodes(p.AST)
	var out []lineKey
	for _, c := range cites {
		for _, r := range c.Refs {
			for n := r.First; n <= r.Last; n++ {
				out = append(out, lineKey{r.Seed, n})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].seed != out[j].seed {
			return out[i].seed < out[j].seed
		}
		return out[i].line < out[j].line
	})
	return out
}
