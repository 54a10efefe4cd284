package render

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/text"
)

// The inbox page (inbox/index.html) and the "what's new" box of the home
// page: what the sources bring that no curated page covers yet. Everything
// here is unreviewed and labelled so.

type inboxSource struct {
	ID, Href, Title string
	Ingested        string
	Counts          []kindCount
	Groups          []inboxGroup
	Open            bool // the newest batch is shown unfolded
}

type kindCount struct {
	Kind  string
	Label string
	N     int
}

type inboxGroup struct {
	Kind, Label string
	Items       []inboxRow
}

type inboxRow struct {
	Line    int
	Href    string
	Value   string
	Text    string
	Detail  string
	Also    []lineLink
	Drafted string
}

var kindLabels = map[string][2]string{
	inbox.KindName: {"new name", "new names"}, inbox.KindDate: {"date", "dates"},
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
	var out []kindCount
	for _, k := range inbox.Kinds {
		if n := s.Count(k); n > 0 {
			out = append(out, kindCount{Kind: k, Label: countLabel(k, n), N: n})
		}
	}
	return out
}

func (r *renderer) renderInbox() error {
	pg := &page{Path: "inbox/index.html", Title: "Inbox", Section: "inbox",
		Description: "What the sources bring that no curated page covers yet: new names, dates, figures and quotations, found by the pipeline and not yet reviewed."}
	ib := r.in.Inbox
	if ib == nil {
		ib = &inbox.Inbox{}
	}
	_, batch := r.in.Corpus.LatestBatch()
	newest := map[string]bool{}
	for _, s := range batch {
		newest[s.ID] = true
	}
	var srcs []inboxSource
	total := map[string]int{}
	for _, s := range ib.Sources {
		href := pg.Rel(SourceURL(s.Seed.ID))
		is := inboxSource{ID: s.Seed.ID, Href: href, Counts: counts(s), Open: newest[s.Seed.ID]}
		if len(s.Seed.Articles) > 0 {
			is.Title = s.Seed.Articles[0].Title
			if n := len(s.Seed.Articles); n > 1 {
				is.Title += fmt.Sprintf(" and %d more articles", n-1)
			}
		}
		if !s.Seed.Ingested.IsZero() {
			is.Ingested = s.Seed.Ingested.Human()
		}
		for _, k := range inbox.Kinds {
			g := inboxGroup{Kind: k, Label: text.UpperFirst(kindLabels[k][1])}
			for _, it := range s.Items {
				if it.Kind != k {
					continue
				}
				row := inboxRow{Line: it.Line, Href: fmt.Sprintf("%s#L%d", href, it.Line), Value: it.Value, Text: it.Text, Detail: it.Detail, Drafted: it.Drafted}
				if it.Kind == inbox.KindDate && it.Value == "" {
					row.Value = "unresolved"
				}
				for _, n := range it.Also {
					row.Also = append(row.Also, lineLink{N: n, Href: fmt.Sprintf("%s#L%d", href, n)})
				}
				g.Items = append(g.Items, row)
				total[k]++
			}
			if len(g.Items) > 0 {
				is.Groups = append(is.Groups, g)
			}
		}
		srcs = append(srcs, is)
	}
	var totals []kindCount
	for _, k := range inbox.Kinds {
		if total[k] > 0 {
			totals = append(totals, kindCount{Kind: k, Label: countLabel(k, total[k]), N: total[k]})
		}
	}
	pg.Data = struct {
		Sources []inboxSource
		Totals  []kindCount
		Items   int
	}{srcs, totals, ib.Len()}
	return r.execute("inbox", pg)
}

// inboxData is the inbox list of data/dossier.json, in the page's order.
func (r *renderer) inboxData() []InboxItem {
	out := []InboxItem{}
	if r.in.Inbox == nil {
		return out
	}
	for _, s := range r.in.Inbox.Sources {
		for _, it := range s.Items {
			out = append(out, InboxItem{Kind: it.Kind, Source: it.Source, Line: it.Line, Text: it.Text, Value: it.Value,
				Detail: it.Detail, URL: fmt.Sprintf("%s#L%d", dirURL(SourceURL(it.Source)), it.Line), Drafted: it.Drafted, Reviewed: false})
		}
	}
	return out
}

// whatsNew is the home page's account of the newest ingest batch.
type whatsNew struct {
	Date    string
	Sources []newSource
	Inbox   string // link to the inbox page
}

type newSource struct {
	ID, Href, InboxHref string
	Articles            []string
	Counts              []kindCount
}

func (r *renderer) whatsNew(pg *page) whatsNew {
	d, batch := r.in.Corpus.LatestBatch()
	w := whatsNew{Inbox: pg.Rel("inbox/index.html")}
	if len(batch) == 0 {
		return w
	}
	w.Date = d.Human()
	for _, s := range batch {
		ns := newSource{ID: s.ID, Href: pg.Rel(SourceURL(s.ID)), InboxHref: pg.Rel("inbox/index.html") + "#s" + s.ID}
		for _, a := range s.Articles {
			ns.Articles = append(ns.Articles, a.Title)
		}
		if r.in.Inbox != nil {
			if is := r.in.Inbox.Source(s.ID); is != nil {
				ns.Counts = counts(*is)
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
		part := "source " + s.ID
		if len(s.Articles) > 0 {
			part += " (" + s.Articles[0].Title + ")"
		}
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
		ID:    r.feedID(u + "#" + d.String()), when: d,
		Link: atomLink{Href: r.in.BaseURL + u}, Category: atomCategory{Term: "whats-new"},
		Summary: text.Shorten("Unreviewed: "+strings.Join(parts, "; ")+".", 600),
	}, true
}
