package render

import (
	"slices"
	"sort"

	"github.com/dossier-project/dossier/internal/content"
)

// Disputes: questions the sources answer differently. A dispute of a number
// shows its measure's figures as the claims; a dispute of a date or an
// account lists each side's claim, its claimant and the lines it rests on.
// The index lists them all, weightiest first.

type disputeRow struct {
	Title, Href, Kind string
	Claims            []string // "58 — Zabihullah Mujahid"
}

func (d disputeRow) key(h *hasher) {
	h.strs([]string{d.Title, d.Href, d.Kind})
	h.strs(d.Claims)
}

type disputesData struct{ Rows []disputeRow }

func (d disputesData) key(h *hasher) { each(h, d.Rows) }

// claimRow is one side's answer, with the links to the lines it rests on.
type claimRow struct {
	ClaimedBy, Claimant, Side, Summary string
	Lines                              []reference
}

func (c claimRow) key(h *hasher) {
	h.strs([]string{c.ClaimedBy, c.Claimant, c.Side, c.Summary})
	each(h, c.Lines)
}

type disputeData struct {
	Dispute   *content.Dispute
	Kind      string
	Claims    []claimRow
	Measure   *measureBlock
	Backlinks []link
}

func (d disputeData) key(h *hasher) {
	h.str(d.Kind)
	each(h, d.Claims)
	if d.Measure != nil {
		d.Measure.key(h)
	}
	each(h, d.Backlinks)
}

var disputeKinds = map[string]string{"number": "a number", "date": "a date", "account": "an account"}

// disputeOrder orders disputes by weight, then title.
func disputeOrder(ds []*content.Dispute) []*content.Dispute {
	out := slices.Clone(ds)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Title < out[j].Title
	})
	return out
}

// claims lists a dispute's claims: its measure's figures for a number, its
// own claims otherwise.
func (r *renderer) claims(from string, d *content.Dispute) []claimRow {
	var out []claimRow
	who := func(slug string) (string, string, string) {
		name, href, side := slug, "", ""
		if c := r.in.Site.Page(slug); c != nil && r.published[slug] {
			name, href = c.Title(), relative(from, URL(c))
		}
		if a := r.actor(slug); a != nil {
			side = a.Side
		}
		return name, href, side
	}
	if d.Kind == "number" {
		m := r.in.Site.Measure(d.Measure)
		if m == nil {
			return nil
		}
		refs := newRefTable()
		for _, f := range live(m.Figures) {
			name, href, side := who(f.ClaimedBy)
			c := claimRow{ClaimedBy: name, Claimant: href, Side: side, Summary: FormatValue(f)}
			if e := refs.add(r, f.Source, from); e != nil {
				c.Lines = append(c.Lines, *e)
			}
			out = append(out, c)
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].ClaimedBy < out[j].ClaimedBy })
		return out
	}
	refs := newRefTable()
	for _, cl := range d.Claims {
		name, href, side := who(cl.ClaimedBy)
		c := claimRow{ClaimedBy: name, Claimant: href, Side: side, Summary: cl.Summary}
		for _, ref := range cl.Citations {
			if e := refs.add(r, ref, from); e != nil {
				c.Lines = append(c.Lines, *e)
			}
		}
		out = append(out, c)
	}
	return out
}

func (r *renderer) renderDisputes() error {
	disputes := disputeOrder(live(r.in.Site.Disputes))
	if len(disputes) == 0 {
		return nil
	}
	pg := &page{Path: "disputes/index.html", Title: "Disputes", Section: "disputes",
		Description: "Questions the sources answer differently — numbers, dates and accounts — with each side's claim."}
	var d disputesData
	for _, x := range disputes {
		row := disputeRow{Title: x.Title, Href: pg.Rel(URL(&x.Page)), Kind: x.Kind}
		for _, c := range r.claims(pg.Path, x) {
			row.Claims = append(row.Claims, c.Summary+" — "+c.ClaimedBy)
		}
		d.Rows = append(d.Rows, row)
	}
	pg.Data = d
	r.addPage("disputes", pg.Path, func() (*page, error) { return pg, nil })
	for _, x := range r.in.Site.Disputes {
		r.contentPage("dispute", &x.Page, "disputes", x.Title, citedLines, func(pg *page) keyer {
			d := disputeData{Dispute: x, Kind: disputeKinds[x.Kind], Claims: r.claims(pg.Path, x), Backlinks: r.backlinkList(pg.Path, x.Slug)}
			if m := r.in.Site.Measure(x.Measure); m != nil && !m.Draft {
				b := r.block(pg.Path, m)
				d.Measure = &b
			}
			return d
		})
	}
	return nil
}
