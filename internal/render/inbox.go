package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/text"
)

// The inbox is the curators' page: what the sources bring that no curated
// page covers yet. inbox/index.html lists the sources that bring something,
// newest first, with what each brings; inbox/<id>/index.html lists one
// source's items, each linked to its line (the line itself is read in the
// source viewer); data/inbox/<id>.json has the same items for tools. It is
// linked from the about page and the footer, not the main navigation, and
// is left out of search and the sitemap. Everything here is unreviewed and
// labelled so.

type inboxSource struct {
	ID, Href, Title string
	Ingested        string
	Note            string
	Counts          []kindCount
	Groups          []inboxGroup
	Source          string // the source viewer
}

func (s inboxSource) key(h *hasher) {
	h.strs([]string{s.ID, s.Href, s.Title, s.Ingested, s.Note, s.Source})
	each(h, s.Counts)
	each(h, s.Groups)
}

type kindCount struct {
	Kind  string
	Label string
	N     int
}

func (k kindCount) key(h *hasher) {
	h.str(k.Kind)
	h.str(k.Label)
	h.int(k.N)
}

type inboxGroup struct {
	Kind, Label string
	Items       []inboxRow
	Rows        template.HTML // Items as the layout lists them, made in Go (inboxRows)
}

func (g inboxGroup) key(h *hasher) {
	h.str(g.Kind)
	h.str(g.Label)
	each(h, g.Items)
}

type inboxRow struct {
	Line    int
	Href    string
	Value   string
	Detail  string
	Also    []lineLink
	Drafted string
}

func (r inboxRow) key(h *hasher) {
	h.int(r.Line)
	h.strs([]string{r.Href, r.Value, r.Detail, r.Drafted})
	each(h, r.Also)
}

type lineLink struct {
	N    int
	Href string
}

func (l lineLink) key(h *hasher) {
	h.int(l.N)
	h.str(l.Href)
}

var kindLabels = map[string][2]string{
	inbox.KindName: {"new name", "new names"}, inbox.KindPlace: {"new place", "new places"}, inbox.KindDate: {"date", "dates"},
	inbox.KindFigure: {"figure", "figures"}, inbox.KindQuote: {"quotation", "quotations"},
}

func countLabel(kind string, n int) string {
	if n == 1 {
		return kindLabels[kind][0]
	}
	return kindLabels[kind][1]
}

// counts lists a source's items per kind, leaving out kinds it has none of.
func counts(s inbox.Source) []kindCount {
	out := make([]kindCount, 0, len(inbox.Kinds))
	for _, k := range inbox.Kinds {
		if n := s.Count(k); n > 0 {
			out = append(out, kindCount{Kind: k, Label: countLabel(k, n), N: n})
		}
	}
	return out
}

func inboxURL(id string) string { return "inbox/" + id + "/index.html" }

type inboxData struct {
	Sources  []inboxSource // without their groups
	Totals   []kindCount
	Items    int
	Ingested bool          // some source has an ingestion date: it gets a column
	Rows     template.HTML // the table's rows, made in Go when the page is made
}

func (d inboxData) key(h *hasher) {
	each(h, d.Sources)
	each(h, d.Totals)
	h.int(d.Items)
}

func (r *renderer) renderInbox() error {
	ib := r.in.Inbox
	if ib == nil {
		ib = &inbox.Inbox{}
	}
	for _, s := range ib.Sources {
		r.inboxPage(s)
	}
	// The index's rows are made by its job, on the worker pool, not while
	// the site is planned, which runs on one core.
	r.addPage("inbox", "inbox/index.html", func() (*page, error) { return r.inboxIndex(ib), nil })
	r.large()
	return nil
}

// inboxIndex is the inbox's index page: every source with its counts.
func (r *renderer) inboxIndex(ib *inbox.Inbox) *page {
	pg := &page{Path: "inbox/index.html", Title: "Inbox", Section: "inbox",
		Description: "For curators: what the sources bring that no curated page covers yet — new names, dates, figures and quotations, found by the pipeline and not reviewed."}
	d := inboxData{Sources: make([]inboxSource, 0, len(ib.Sources))}
	total := map[string]int{}
	for _, s := range ib.Sources {
		is := r.inboxSource(pg.Path, s, false)
		is.Href = pg.Rel(inboxURL(s.Seed.ID))
		for _, c := range is.Counts {
			total[c.Kind] += c.N
		}
		d.Sources = append(d.Sources, is)
	}
	for _, k := range inbox.Kinds {
		if total[k] > 0 {
			d.Totals = append(d.Totals, kindCount{Kind: k, Label: countLabel(k, total[k]), N: total[k]})
		}
	}
	d.Items = ib.Len()
	for _, s := range d.Sources {
		d.Ingested = d.Ingested || s.Ingested != ""
	}
	pg.Data = d
	pg.fill = append(pg.fill, func() error {
		d.Rows = sourceRows(d.Sources, d.Ingested)
		pg.Data = d
		return nil
	})
	return pg
}

// sourceRows writes the inbox index's table rows, one per source: what the
// layout's loop over them wrote, byte for byte (see
// TestSourceRowsMatchTemplate), in Go, since a large dossier has thousands.
func sourceRows(sources []inboxSource, ingested bool) template.HTML {
	var b strings.Builder
	n := 0 // about the rows' size: made once, not grown (1 MB at 5,000 seeds)
	for _, s := range sources {
		n += 80 + len(s.Href) + len(s.Title) + len(s.Ingested) + 32*len(s.Counts)
	}
	b.Grow(n)
	for _, s := range sources {
		b.WriteString(`<tr><td><a href="`)
		writeURLAttr(&b, s.Href)
		b.WriteString(`">`)
		writeText(&b, s.Title)
		b.WriteString(`</a></td>`)
		if ingested {
			b.WriteString(`<td class="nowrap">`)
			writeText(&b, s.Ingested)
			b.WriteString(`</td>`)
		}
		b.WriteString(`<td>`)
		for i, c := range s.Counts {
			if i > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(strconv.Itoa(c.N))
			b.WriteByte(' ')
			writeText(&b, c.Label)
		}
		b.WriteString(`</td></tr>`)
	}
	return template.HTML(b.String())
}

// inboxSource describes one source's items for the page at from; with
// items, the items themselves.
func (r *renderer) inboxSource(from string, s inbox.Source, items bool) inboxSource {
	href := relative(from, SourceURL(s.Seed.ID))
	is := inboxSource{ID: s.Seed.ID, Title: sourceTitle(s.Seed), Counts: counts(s), Source: href}
	if !s.Seed.Ingested.IsZero() {
		is.Ingested = s.Seed.Ingested.Human()
	}
	if !items {
		return is
	}
	var notes []string
	for _, a := range s.Seed.Articles {
		if a.Note != "" {
			notes = append(notes, fmt.Sprintf("Lines %d–%d: %s", a.First, a.Last, a.Note))
		}
	}
	is.Note = strings.Join(notes, "\n")
	for _, k := range inbox.Kinds {
		g := inboxGroup{Kind: k, Label: text.UpperFirst(kindLabels[k][1])}
		if n := s.Count(k); n > 0 {
			g.Items = make([]inboxRow, 0, n)
		}
		for _, it := range s.Items() {
			if it.Kind != k {
				continue
			}
			row := inboxRow{Line: it.Line, Href: href + "#L" + strconv.Itoa(it.Line), Value: it.Value, Detail: it.Detail, Drafted: it.Drafted}
			if it.Kind == inbox.KindDate && it.Value == "" {
				row.Value = "unresolved"
			}
			for _, n := range it.Also {
				row.Also = append(row.Also, lineLink{N: n, Href: href + "#L" + strconv.Itoa(n)})
			}
			g.Items = append(g.Items, row)
		}
		if len(g.Items) > 0 {
			g.Rows = inboxRows(g.Items)
			is.Groups = append(is.Groups, g)
		}
	}
	return is
}

// inboxPageData is one source's inbox page. Its rows are made only when
// the page is; its key declares what they are made from (inboxKey).
type inboxPageData struct {
	Source inboxSource
	items  Key
}

func (d *inboxPageData) key(h *hasher) { h.key(d.items) }

// inboxKey declares what a source's inbox page and JSON file show: the
// source's title, ingest date and article notes, and its items: their key
// (inbox.Source.Key) or, without one, every field of every item.
func inboxKey(h *hasher, s inbox.Source) {
	h.str(s.Seed.ID)
	h.str(sourceTitle(s.Seed))
	h.str(s.Seed.Ingested.String())
	for _, a := range s.Seed.Articles {
		if a.Note != "" {
			h.int(a.First)
			h.int(a.Last)
			h.str(a.Note)
		}
	}
	if s.Key != ([32]byte{}) {
		// The key of the items' inputs, which the caller vouches for.
		h.bytesTagged('K', s.Key[:])
		return
	}
	items := s.Items()
	h.int(len(items))
	for _, it := range items {
		h.strs([]string{it.Kind, it.Source, it.Text, it.Value, it.Detail, it.Drafted})
		h.int(it.Line)
		h.int(len(it.Also))
		for _, n := range it.Also {
			h.int(n)
		}
		h.bool(it.Figure != nil)
		if it.Figure != nil {
			h.float(it.Figure.Value)
		}
	}
}

// inboxPage adds the page and the JSON file of one source's items.
func (r *renderer) inboxPage(s inbox.Source) {
	path := inboxURL(s.Seed.ID)
	// The page and the file show the same items: their key is made once.
	items := sync.OnceValue(func() Key {
		h := newHasher()
		inboxKey(h, s)
		return h.sum()
	})
	r.addPage("inbox-source", path, func() (*page, error) {
		pg := &page{Path: path, Title: "Inbox: " + sourceTitle(s.Seed), Section: "inbox",
			Description: "What this source brings that no curated page covers yet; unreviewed."}
		d := &inboxPageData{items: items()}
		pg.Data = d
		pg.fill = append(pg.fill, func() error {
			d.Source = r.inboxSource(path, s, true)
			return nil
		})
		return pg, nil
	})
	// What the items read of the curated pages is in the source's key
	// (inbox.Coverage.Key), when it has one.
	var curated func() Key
	if s.Key != ([32]byte{}) {
		curated = func() Key { return s.Key }
	}
	stamp := r.seedStamp(s.Seed, curated)
	r.stamp(stamp)
	r.addKeyed("data/inbox/"+s.Seed.ID+".json", func(h *hasher) { h.key(items()) }, func() ([]byte, error) { return inboxJSON(s) })
	r.stamp(stamp)
}

// InboxItem is something a source brings that no curated page covers yet,
// as data/inbox/<id>.json lists it.
type InboxItem struct {
	Kind     string   `json:"kind"` // name | date | figure | quote
	Source   string   `json:"source"`
	Line     int      `json:"line"`
	Text     string   `json:"text"`
	Value    string   `json:"value"`            // "" for a date that cannot be resolved
	Number   *float64 `json:"number,omitempty"` // a figure's value as a number
	Detail   string   `json:"detail"`
	URL      string   `json:"url"`
	Drafted  string   `json:"drafted,omitempty"` // the draft page covering it
	Reviewed bool     `json:"reviewed"`
}

func inboxJSON(s inbox.Source) ([]byte, error) {
	items := s.Items()
	out := make([]InboxItem, 0, len(items))
	for _, it := range items {
		item := InboxItem{Kind: it.Kind, Source: it.Source, Line: it.Line, Text: it.Text, Value: it.Value,
			Detail: it.Detail, URL: dirURL(SourceURL(it.Source)) + "#L" + strconv.Itoa(it.Line), Drafted: it.Drafted}
		if it.Figure != nil {
			n := it.Figure.Value
			item.Number = &n
		}
		out = append(out, item)
	}
	return encodeInbox(out)
}

// encodeInbox writes items as a json.Encoder without HTML escaping does
// (see encodeInboxSlowly), field by field instead of by reflection: a full
// build writes one such file per source.
func encodeInbox(items []InboxItem) ([]byte, error) {
	size := 2
	for _, it := range items {
		if it.Number != nil && (math.IsInf(*it.Number, 0) || math.IsNaN(*it.Number)) {
			return encodeInboxSlowly(items) // which says what is wrong
		}
		size += 128 + len(it.Kind) + len(it.Source) + len(it.Text) + len(it.Value) + len(it.Detail) + len(it.URL) + len(it.Drafted)
	}
	return append(appendList(make([]byte, 0, size), items, appendInboxItem), '\n'), nil
}

func appendInboxItem(b []byte, it InboxItem) []byte {
	b = text.AppendJSON(append(b, `{"kind":`...), it.Kind, false)
	b = text.AppendJSON(append(b, `,"source":`...), it.Source, false)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(it.Line), 10)
	b = text.AppendJSON(append(b, `,"text":`...), it.Text, false)
	b = text.AppendJSON(append(b, `,"value":`...), it.Value, false)
	if it.Number != nil {
		b = text.AppendJSONFloat(append(b, `,"number":`...), *it.Number)
	}
	b = text.AppendJSON(append(b, `,"detail":`...), it.Detail, false)
	b = text.AppendJSON(append(b, `,"url":`...), it.URL, false)
	if it.Drafted != "" {
		b = text.AppendJSON(append(b, `,"drafted":`...), it.Drafted, false)
	}
	return append(strconv.AppendBool(append(b, `,"reviewed":`...), it.Reviewed), '}')
}

// encodeInboxSlowly is encodeInbox by encoding/json.
func encodeInboxSlowly(items []InboxItem) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(items); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// whatsNew is the briefing's account of the newest ingest batch.
type whatsNew struct {
	Date    string
	Sources []newSource
	Inbox   string // link to the inbox page
}

func (w whatsNew) key(h *hasher) {
	h.str(w.Date)
	h.str(w.Inbox)
	each(h, w.Sources)
}

type newSource struct {
	Title, Href, InboxHref string
	Articles               []string
	Counts                 []kindCount
}

func (n newSource) key(h *hasher) {
	h.strs([]string{n.Title, n.Href, n.InboxHref})
	h.strs(n.Articles)
	each(h, n.Counts)
}

func (r *renderer) whatsNew(pg *page) whatsNew {
	d, batch := r.in.Corpus.LatestBatch()
	w := whatsNew{Inbox: pg.Rel("inbox/index.html")}
	if len(batch) == 0 {
		return w
	}
	w.Date = d.Human()
	for _, s := range batch {
		ns := newSource{Title: sourceTitle(s), Href: pg.Rel(SourceURL(s.ID))}
		for _, a := range s.Articles {
			ns.Articles = append(ns.Articles, a.Title)
		}
		if r.in.Inbox != nil {
			if is := r.in.Inbox.Source(s.ID); is != nil {
				ns.Counts = counts(*is)
				ns.InboxHref = pg.Rel(inboxURL(s.ID))
			}
		}
		w.Sources = append(w.Sources, ns)
	}
	return w
}

// batchFeedEntry is the feed's "what's new" entry: the newest ingest batch
// and what its sources bring, linking to the inbox. The first batch (no
// ingest date) has none.
func (r *renderer) batchFeedEntry() (atomEntry, bool) {
	d, batch := r.in.Corpus.LatestBatch()
	if len(batch) == 0 {
		return atomEntry{}, false
	}
	var parts []string
	for _, s := range batch {
		part := sourceTitle(s)
		if r.in.Inbox != nil {
			if is := r.in.Inbox.Source(s.ID); is != nil {
				var cs []string
				for _, c := range counts(*is) {
					cs = append(cs, fmt.Sprintf("%d %s", c.N, c.Label))
				}
				part += " brings " + strings.Join(cs, ", ")
			}
		}
		parts = append(parts, part)
	}
	u := "inbox/index.html"
	return atomEntry{
		Title: fmt.Sprintf("What's new: %s ingested on %s", text.Count(len(batch), "source"), d.Human()),
		path:  u + "#" + d.String(), when: d,
		Link: atomLink{Href: r.in.BaseURL + u}, Category: atomCategory{Term: "whats-new"},
		Summary: text.Shorten("Unreviewed: "+strings.Join(parts, "; ")+".", 600),
	}, true
}

// inboxRows writes a group's items as list items: what the layout's loop
// over them wrote, byte for byte (see TestInboxRowsMatchTemplate), in Go,
// since the inbox pages hold most of a large dossier's rows.
func inboxRows(items []inboxRow) template.HTML {
	var b strings.Builder
	b.Grow(len(items) * 256) // a row's markup and value, about
	for _, it := range items {
		b.WriteString(`<li><a class="ln" href="`)
		writeURLAttr(&b, it.Href)
		b.WriteString(`">line `)
		b.WriteString(strconv.Itoa(it.Line))
		b.WriteString(`</a> <strong>`)
		writeText(&b, it.Value)
		b.WriteString(`</strong>`)
		if it.Detail != "" {
			b.WriteString(` <span class="detail">(`)
			writeText(&b, it.Detail)
			b.WriteString(`)</span>`)
		}
		if len(it.Also) > 0 {
			b.WriteString(` <span class="detail">also lines `)
			for _, l := range it.Also {
				b.WriteString(`<a class="ln" href="`)
				writeURLAttr(&b, l.Href)
				b.WriteString(`">`)
				b.WriteString(strconv.Itoa(l.N))
				b.WriteString(`</a> `)
			}
			b.WriteString(`</span>`)
		}
		b.WriteString(` <span class="unreviewed">`)
		if it.Drafted != "" {
			b.WriteString(`drafted: `)
			writeText(&b, it.Drafted)
		} else {
			b.WriteString(`unreviewed`)
		}
		b.WriteString(`</span></li>`)
	}
	return template.HTML(b.String())
}
