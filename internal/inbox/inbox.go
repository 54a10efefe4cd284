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
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

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
var Kinds = kindOrder[:]

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

// Source is one seed's items, in line order. Its counts are known when it
// is made; its items may be made only when first asked for (LazySource).
type Source struct {
	Seed *source.Seed
	// Counts is the number of items of each kind, in Kinds order.
	Counts Counts
	// Key, when not zero, stands for the items: a source of the same seed
	// with the same key has the same items (see Coverage.Key).
	Key   [32]byte
	items *lazyItems
}

// Counts is a number of items per kind, in Kinds order.
type Counts [len(kindOrder)]int

// kindOrder is Kinds as an array, for Counts.
var kindOrder = [...]string{KindName, KindPlace, KindDate, KindFigure, KindQuote}

type lazyItems struct {
	once  sync.Once
	make  func() []Item
	items []Item
}

// NewSource is the source of a seed with these items.
func NewSource(s *source.Seed, items []Item) Source {
	src := Source{Seed: s, items: &lazyItems{items: items}}
	src.items.once.Do(func() {})
	for _, it := range items {
		if i := slices.Index(kindOrder[:], it.Kind); i >= 0 {
			src.Counts[i]++
		}
	}
	return src
}

// LazySource is the source of a seed whose items make returns, when they
// are first asked for; counts and key are theirs, known beforehand.
func LazySource(s *source.Seed, counts Counts, key [32]byte, make func() []Item) Source {
	return Source{Seed: s, Counts: counts, Key: key, items: &lazyItems{make: make}}
}

// Items returns the source's items, making them on the first call. It may
// be called from several goroutines at once.
func (s Source) Items() []Item {
	if s.items == nil {
		return nil
	}
	s.items.once.Do(func() { s.items.items = s.items.make() })
	return s.items.items
}

// Count returns how many items of a kind the source brings.
func (s Source) Count(kind string) int {
	if i := slices.Index(kindOrder[:], kind); i >= 0 {
		return s.Counts[i]
	}
	return 0
}

// Len is the number of the source's items.
func (s Source) Len() int {
	n := 0
	for _, c := range s.Counts {
		n += c
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
		n += s.Len()
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
	// The actors' names, published ones and all, made when first needed:
	// a rebuild makes the items of few sources, often none.
	published, drafts    func() *extract.Matcher
	actorFile            map[string]string // actor slug → file, for drafts
	events, draftEvents  map[lineKey][]*content.Event
	figures, draftFigure map[lineKey][]*content.Figure
	quotes               map[lineKey][]string // normalised quotations of published blocks citing the line
	lines                map[string][]int     // seed → the lines the maps above have, sorted
	actors               [32]byte             // a hash of the actors' names and files (see Key)
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
		if srcs[i].Len() > 0 {
			ib.Sources = append(ib.Sources, srcs[i])
		}
	}
	return ib
}

// Source lists what one seed brings, given what the extractors found in it:
// per line, names, then dates, figures and quotations. It only reads cov, so
// it may run for several seeds at once.
func (cov *Coverage) Source(s *source.Seed, f Found) Source {
	return NewSource(s, cov.items(s, f))
}

// items lists a seed's items (see Source).
func (cov *Coverage) items(s *source.Seed, f Found) []Item {
	var src struct{ Items []Item }
	most := 0 // items, at most: a name named twice is one item
	for _, n := range f.Names {
		most += len(n.Names)
	}
	for _, fs := range f.Facts {
		most += len(fs.Dates) + len(fs.Figures) + len(fs.Quotes)
	}
	if most > 0 {
		src.Items = make([]Item, 0, most)
	}
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
				if slug, ok := cov.drafts().Known(n.Name); ok {
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
	return src.Items
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
	cov.published = sync.OnceValue(func() *extract.Matcher { return extract.NewMatcher(published) })
	cov.drafts = sync.OnceValue(func() *extract.Matcher { return extract.NewMatcher(all) })
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
	cov.index(site)
	return cov
}

// index records which lines of each seed the pages cover, and hashes the
// actors' names and files, for Key.
func (cov *Coverage) index(site *content.Site) {
	cov.lines = map[string][]int{}
	for _, m := range []map[lineKey]bool{keysOf(cov.events), keysOf(cov.draftEvents), keysOf(cov.figures), keysOf(cov.draftFigure), keysOf(cov.quotes)} {
		for k := range m {
			cov.lines[k.seed] = append(cov.lines[k.seed], k.line)
		}
	}
	for seed, lines := range cov.lines {
		slices.Sort(lines)
		cov.lines[seed] = slices.Compact(lines)
	}
	h := keyHash{sha256.New()}
	for _, a := range site.Actors {
		h.str(a.Slug)
		h.str(a.File)
		h.strs(append([]string{a.Name}, a.Aliases...))
	}
	h.Sum(cov.actors[:0])
}

func keysOf[V any](m map[lineKey]V) map[lineKey]bool {
	out := make(map[lineKey]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// Key names what Source reads of the curated pages for one seed: the
// events, figures and quotations citing its lines, and the actors' names
// and files (an item names the draft of an actor whose name it is). Source
// gives the same items for a seed, the same Found and the same key.
func (cov *Coverage) Key(seed string) [32]byte {
	h := keyHash{sha256.New()}
	h.Write(cov.actors[:])
	for _, n := range cov.lines[seed] {
		k := lineKey{seed, n}
		h.int(n)
		for _, e := range cov.events[k] {
			h.str("event")
			h.ints(e.Date.Year, e.Date.Month, e.Date.Day)
		}
		for _, e := range cov.draftEvents[k] {
			h.str("draft event")
			h.ints(e.Date.Year, e.Date.Month, e.Date.Day)
			h.str(e.File)
		}
		for _, f := range cov.figures[k] {
			h.str("figure")
			h.int(int(math.Float64bits(f.Value)))
		}
		for _, f := range cov.draftFigure[k] {
			h.str("draft figure")
			h.int(int(math.Float64bits(f.Value)))
			h.str(f.File)
		}
		h.strs(cov.quotes[k])
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// keyHash writes values with their lengths, so that different sequences
// never give the same bytes.
type keyHash struct{ hash.Hash }

func (h keyHash) int(n int) { h.Write(binary.LittleEndian.AppendUint64(nil, uint64(n))) }

func (h keyHash) ints(ns ...int) {
	for _, n := range ns {
		h.int(n)
	}
}

func (h keyHash) str(s string) {
	h.int(len(s))
	h.Write([]byte(s))
}

func (h keyHash) strs(ss []string) {
	h.int(len(ss))
	for _, s := range ss {
		h.str(s)
	}
}

// citedLines lists the lines a page cites.
func citedLines(p *content.Page) []lineKey {
	cites, _ := p.Nodes()
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
