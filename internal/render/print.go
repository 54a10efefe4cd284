package render

import (
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-project/dossier/internal/content"
)

// The printable page, print/index.html, holds the whole dossier in reading
// order: briefing, timeline (the dossier's period; the background as a
// list), disputes with each side's claim, figures with their charts and
// tables, actors, topics, places, method, then one numbered reference list:
// article title, outlet, date and line numbers, as paper needs them. Links
// between pages become links within the page. Bodies are parsed afresh here,
// so heading levels and ids can be changed without touching the ASTs the
// other pages render from.

type printPart struct {
	ID, Title string
	Items     []printItem
	List      []link // a part that is only a list (the background)
}

func (p printPart) key(h *hasher) {
	h.str(p.ID)
	h.str(p.Title)
	each(h, p.Items)
	each(h, p.List)
}

type printItem struct {
	ID, Title, Kicker, Meta string
	Body                    template.HTML // rendered from body when the page is made
	Extra                   template.HTML // a chart, a table, claims: made here
	body                    *lazyBody
}

func (p printItem) key(h *hasher) {
	h.strs([]string{p.ID, p.Title, p.Kicker, p.Meta, string(p.Extra)})
	if p.body != nil {
		h.key(p.body.key)
	}
}

type printData struct {
	Parts []printPart
	Refs  []reference
}

func (d printData) key(h *hasher) {
	each(h, d.Parts)
	each(h, d.Refs)
}

func printID(p *content.Page) string {
	if p.Type == content.TypePage {
		return "page-" + p.Slug
	}
	return kindLabel(p.Type) + "-" + p.Slug
}

// renderPrint adds the printable page. It re-parses every body (its headings
// move down two levels), so it is prepared in its own job.
func (r *renderer) renderPrint() error {
	r.addPage("print", "print/index.html", r.printPage)
	return nil
}

func (r *renderer) printPage() (*page, error) {
	site := r.in.Site
	pg := &page{Path: "print/index.html", Title: "The whole dossier", Section: "print",
		Description: "The briefing, timeline, disputes, figures, actors, topics, places and method on one page, for printing or saving as PDF."}
	refs := newRefTable()
	// The page repeats every other page's citations; they are counted once, there.
	linkTo := func(q *content.Page) string {
		if !r.published[q.Slug] {
			return ""
		}
		switch q.Type {
		case content.TypeFigure:
			// Figures are printed within their measures.
			if f := r.figure(q.Slug); f != nil {
				return "#measure-" + f.Measure
			}
		}
		return "#" + printID(q)
	}
	// shift moves a body's headings below the page's own: h2 in a body becomes
	// h4 under a part's h2 and an item's h3, or h3 where the item has no title.
	body := func(p *content.Page, shift int) (*lazyBody, error) {
		doc := r.in.Markdown.Parse(p.Body)
		prefix := printID(p) + "-"
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				h.Level = min(h.Level+shift, 6)
				if id, ok := h.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						h.SetAttributeString("id", []byte(prefix+string(b)))
					}
				}
			}
			return ast.WalkContinue, nil
		})
		return r.resolveBody(doc, p.Body, pg.Path, refs, linkTo)
	}
	item := func(p *content.Page, kicker, meta string) (printItem, error) {
		b, err := body(p, 2)
		return printItem{ID: printID(p), Title: p.Title(), Kicker: kicker, Meta: meta, body: b}, err
	}
	var d printData
	addPart := func(id, title string, items []printItem) {
		if len(items) > 0 {
			d.Parts = append(d.Parts, printPart{ID: id, Title: title, Items: items})
		}
	}

	if idx := site.Index; idx != nil && !idx.Draft {
		var items []printItem
		// The key facts first, as on the briefing; then the briefing's sections as h3.
		var facts []string
		for _, f := range idx.Facts {
			facts = append(facts, "**"+f.Label+":** "+f.Text)
		}
		if len(facts) > 0 {
			src := []byte(strings.Join(facts, "\n\n"))
			b, err := r.resolveBody(r.in.Markdown.Parse(src), src, pg.Path, refs, linkTo)
			if err != nil {
				return nil, err
			}
			items = append(items, printItem{ID: "key-facts", Title: "Key facts", body: b})
		}
		b, err := body(&idx.Page, 1)
		if err != nil {
			return nil, err
		}
		items = append(items, printItem{ID: printID(&idx.Page), Meta: idx.Description, body: b})
		addPart("part-briefing", "Briefing", items)
	}

	var crisis, background []printItem
	for _, e := range live(site.Events) {
		if part(e, r.settings.Period) < 0 {
			it, err := item(&e.Page, when(e), "")
			if err != nil {
				return nil, err
			}
			background = append(background, it)
			continue
		}
		it, err := item(&e.Page, when(e), "")
		if err != nil {
			return nil, err
		}
		crisis = append(crisis, it)
	}
	addPart("part-timeline", "Timeline: "+r.settings.Period.Human(), crisis)

	var items []printItem
	for _, x := range disputeOrder(live(site.Disputes)) {
		it, err := item(&x.Page, "Dispute of "+disputeKinds[x.Kind], "")
		if err != nil {
			return nil, err
		}
		it.Extra = r.printClaims(pg, x)
		items = append(items, it)
	}
	addPart("part-disputes", "Disputes", items)

	items = nil
	for _, m := range measureOrder(live(site.Measures)) {
		if len(live(m.Figures)) == 0 {
			continue
		}
		it, err := item(&m.Page, themeLabels[m.Theme], measureMeta(m))
		if err != nil {
			return nil, err
		}
		it.ID = "measure-" + m.Slug
		it.Extra = r.printMeasure(pg, m)
		items = append(items, it)
	}
	addPart("part-figures", "Figures", items)

	items = nil
	for _, s := range r.settings.Sides {
		for _, a := range r.byProminence(live(site.Actors)) {
			if a.Side != s.Slug {
				continue
			}
			meta := a.Role
			if len(a.Aliases) > 0 {
				if meta != "" && !strings.HasSuffix(meta, ".") {
					meta += "."
				}
				meta = strings.TrimSpace(meta + " Also written: " + strings.Join(a.Aliases, ", ") + ".")
			}
			it, err := item(&a.Page, s.Label+" · "+a.Kind, meta)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		}
	}
	addPart("part-actors", "Actors", items)

	items = nil
	for _, t := range topicOrder(live(site.Topics)) {
		it, err := item(&t.Page, "", t.Summary)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	addPart("part-topics", "Topics", items)

	items = nil
	for _, p := range live(site.Places) {
		it, err := item(&p.Page, placeKind(p.Kind)+", "+countryName(p.Country), "")
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	addPart("part-places", "Places", items)

	addPart("part-background", "Background", background)
	if a := site.About; a != nil && !a.Draft {
		it, err := item(&a.Page, "", a.Description)
		if err != nil {
			return nil, err
		}
		addPart("part-method", "Method", []printItem{it})
	}
	d.Refs = refs.entries()
	for i := range d.Parts {
		for j := range d.Parts[i].Items {
			it := &d.Parts[i].Items[j]
			if it.body != nil {
				it.body.into = &it.Body
				pg.lazy = append(pg.lazy, it.body)
			}
		}
	}
	pg.Data = d
	return pg, nil
}

func (r *renderer) figure(slug string) *content.Figure {
	for _, f := range r.in.Site.Figures {
		if f.Slug == slug {
			return f
		}
	}
	return nil
}

// printMeasure writes a measure's comparison for paper: who claims what,
// when or of which part where rows differ, the value (with its original
// wording where it was converted) and its bar.
func (r *renderer) printMeasure(pg *page, m *content.Measure) template.HTML {
	b := r.block(pg.Path, m)
	esc := template.HTMLEscapeString
	value := func(row figureRow) string {
		if row.Converted != "" {
			return esc(row.Converted) + ` <span class="converted">(as reported: ` + esc(row.Display) + `)</span>`
		}
		return esc(row.Display)
	}
	if len(b.Rows) == 1 {
		// One figure needs no table: a sentence says it.
		row := b.Rows[0]
		s := `<p class="single">` + esc(row.ClaimedBy) + `: <strong>` + value(row) + `</strong>`
		if row.When != "" {
			s += ", " + esc(row.When)
		}
		return template.HTML(s + `</p>`)
	}
	var out strings.Builder
	out.WriteString(`<table class="print-table measure-table"><thead><tr><th scope="col">Claimed by</th>`)
	if b.Column != "" {
		out.WriteString(`<th scope="col">` + esc(b.Column) + `</th>`)
	}
	out.WriteString(`<th scope="col" colspan="2">Value</th></tr></thead><tbody>`)
	for _, row := range b.Rows {
		out.WriteString(`<tr><td class="who">`)
		if row.Side != "" {
			out.WriteString(`<span class="swatch side-` + esc(row.Side) + `"></span>`)
		}
		out.WriteString(esc(row.ClaimedBy) + `</td>`)
		if b.Column != "" {
			v := row.When
			if m.Relation == "breakdown" {
				v = row.Part
			}
			out.WriteString(`<td class="when">` + esc(v) + `</td>`)
		}
		out.WriteString(`<td class="num">` + value(row) + `</td><td class="bar">` + string(row.Bar) + `</td></tr>`)
	}
	out.WriteString("</tbody></table>")
	return template.HTML(out.String())
}

// printClaims writes a dispute's claims for paper.
func (r *renderer) printClaims(pg *page, d *content.Dispute) template.HTML {
	var out strings.Builder
	out.WriteString(`<table class="print-table"><thead><tr><th scope="col">Claimed by</th><th scope="col">Claim</th><th scope="col">Source</th></tr></thead><tbody>`)
	for _, c := range r.claims(pg.Path, d) {
		var lines []string
		for _, l := range c.Lines {
			lines = append(lines, l.About+", "+l.Lines())
		}
		out.WriteString("<tr><td>" + template.HTMLEscapeString(c.ClaimedBy) + "</td><td>" + template.HTMLEscapeString(c.Summary) + "</td><td>" + template.HTMLEscapeString(strings.Join(lines, "; ")) + "</td></tr>")
	}
	out.WriteString("</tbody></table>")
	return template.HTML(out.String())
}
