package render

import (
	"cmp"
	"fmt"
	"html/template"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/text"
)

// The briefing: content/index.md, with the key facts beside it on the first
// screen — the period, the curated facts of its front matter (each citing
// its lines), the sides, the weightiest disputed numbers with who claims
// each, the latest source's date and the review date — and a locator map.

// keyFact is one row of the key facts box.
type keyFact struct {
	Label string
	Text  template.HTML // rendered from markdown when the page is made
	Plain string        // or plain text made here
	body  *lazyBody
}

func (f keyFact) key(h *hasher) {
	h.str(f.Label)
	h.str(f.Plain)
	if f.body != nil {
		h.key(f.body.key)
	}
}

// disputedNumber is a number dispute as the key facts show it.
type disputedNumber struct {
	Title, Href string
	Claims      []claimRow
}

func (d disputedNumber) key(h *hasher) {
	h.str(d.Title)
	h.str(d.Href)
	each(h, d.Claims)
}

type homeData struct {
	Facts    []*keyFact
	Disputed []disputedNumber
	Sides    []content.Side
	Map      template.HTML
	Counts   []string // "94 actors", …
	Latest   []link
	New      whatsNew
	Updated  string
	Reviewed string
	Period   string
}

func (d homeData) key(h *hasher) {
	h.int(len(d.Facts))
	for _, f := range d.Facts {
		f.key(h)
	}
	each(h, d.Disputed)
	for _, s := range d.Sides {
		h.strs([]string{s.Slug, s.Label})
	}
	h.str(string(d.Map))
	h.strs(d.Counts)
	each(h, d.Latest)
	d.New.key(h)
	h.strs([]string{d.Updated, d.Reviewed, d.Period})
}

// keyDisputes is how many disputed numbers the key facts show.
const keyDisputes = 3

func (r *renderer) renderHome() error {
	site := r.in.Site
	idx := site.Index
	if idx == nil || idx.Draft {
		return nil
	}
	r.addPage("home", URL(&idx.Page), func() (*page, error) {
		pg := &page{Path: URL(&idx.Page), Title: idx.Title, Section: "home", Description: cmp.Or(idx.Description, r.settings.Description)}
		refs := newRefTable()
		linkTo := func(q *content.Page) string { return pg.Rel(URL(q)) }
		d := homeData{Sides: r.settings.Sides, New: r.whatsNew(pg), Period: r.settings.Period.Human()}
		// The key facts come first on the page, so their citations are numbered first.
		for _, f := range idx.Facts {
			b, err := r.resolveBody(f.AST, []byte(f.Text), pg.Path, refs, linkTo)
			if err != nil {
				return nil, fmt.Errorf("%s: facts: %w", idx.File, err)
			}
			kf := &keyFact{Label: f.Label, body: b}
			b.into = &kf.Text
			pg.lazy = append(pg.lazy, b)
			r.plan.citations.Add(int64(b.cites))
			d.Facts = append(d.Facts, kf)
		}
		body, err := r.resolveBody(idx.AST, idx.Body, pg.Path, refs, linkTo)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", idx.File, err)
		}
		r.plan.citations.Add(int64(body.cites))
		body.into = &pg.Body
		pg.lazy = append(pg.lazy, body)
		if !r.settings.Reviewed.IsZero() {
			d.Reviewed = r.settings.Reviewed.Human()
		}
		var latest date.Date
		for _, s := range r.in.Corpus.Seeds {
			for _, a := range s.Articles {
				if a.Published.Compare(latest) > 0 {
					latest = a.Published
				}
			}
		}
		d.Updated = latest.Human()
		for _, x := range disputeOrder(live(site.Disputes)) {
			if x.Kind == "number" && len(d.Disputed) < keyDisputes {
				d.Disputed = append(d.Disputed, disputedNumber{Title: x.Title, Href: pg.Rel(URL(&x.Page)), Claims: r.claims(pg.Path, x)})
			}
		}
		counts := []struct {
			n    int
			noun string
		}{{len(live(site.Actors)), "actor"}, {len(live(site.Events)), "event"}, {len(live(site.Figures)), "figure"},
			{len(live(site.Disputes)), "dispute"}, {len(live(site.Topics)), "topic"}, {len(r.in.Corpus.Seeds), "source"}}
		for _, c := range counts {
			if c.n > 0 {
				d.Counts = append(d.Counts, text.Count(c.n, c.noun))
			}
		}
		d.Map = r.locator(pg, "locator", nil, "Where it happens")
		evs := live(site.Events)
		for i := len(evs) - 1; i >= 0 && len(d.Latest) < 6; i-- {
			d.Latest = append(d.Latest, link{Title: when(evs[i]) + ": " + evs[i].Title, Href: pg.Rel(URL(&evs[i].Page))})
		}
		pg.Data = d
		pg.Refs = refs.entries()
		return pg, nil
	})
	return nil
}
