package render

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
)

// The printable page, print/index.html, holds the whole dossier in reading
// order: briefing, timeline (the dossier's period; the background as a
// list), disputes with each side's claim, figures with their charts and
// tables, actors, topics, places, method, then one numbered reference list:
// article title, outlet, date and line numbers, as paper needs them. Links
// between pages become links within the page. Bodies are parsed afresh here,
// so heading levels and ids can be changed without touching the ASTs the
// other pages render from, but only when the page is made: its key is
// declared from the bodies' citations and links (bodyKey), which the ASTs
// give.

type printPart struct {
	ID, Title string
	Items     []printItem
	List      []link // a part that is only a list (the background)
	// HTML is the items as the layout shows them, written in Go once
	// their bodies are made (itemsHTML): the page has thousands.
	HTML template.HTML
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

// itemsHTML writes the part's items: each an article with its title,
// kicker and meta when it has them, then its extra and its body.
func (p printPart) itemsHTML() template.HTML {
	size := 0
	for _, it := range p.Items {
		size += 160 + len(it.Title) + len(it.Kicker) + len(it.Meta) + len(it.Extra) + len(it.Body)
	}
	var b strings.Builder
	b.Grow(size)
	for _, it := range p.Items {
		b.WriteString(`<article class="print-item" id="`)
		writeText(&b, it.ID)
		b.WriteString("\">\n")
		for _, f := range [...]struct{ open, value, close string }{
			{"<h3>", it.Title, "</h3>"},
			{`<p class="kicker">`, it.Kicker, "</p>"},
			{`<p class="lede">`, it.Meta, "</p>"},
		} {
			if f.value != "" {
				b.WriteString(f.open)
				writeText(&b, f.value)
				b.WriteString(f.close)
			}
			b.WriteByte('\n')
		}
		// Written piece by piece: a concatenation would copy each body
		// once more (3 MB at 5,000 seeds).
		b.WriteString(string(it.Extra))
		b.WriteByte('\n')
		b.WriteString(string(it.Body))
		b.WriteString("\n</article>\n")
	}
	return template.HTML(b.String())
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
	// RefsHTML is the reference list's items, written in Go (refsHTML).
	RefsHTML template.HTML
}

// refsHTML writes the items of the printable page's reference list: each
// reference's article and lines.
func refsHTML(refs []reference) template.HTML {
	var b strings.Builder
	b.Grow(len(refs) * 120)
	for _, e := range refs {
		b.WriteString(`<li id="ref-` + strconv.Itoa(e.Num) + `">`)
		writeText(&b, e.About)
		b.WriteString(", ")
		writeText(&b, e.Lines())
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
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
	r.stamp(r.printStamp())
	r.large()
	return nil
}

// printStamp is the printable page's stamp (see Job.Stamp), or nil. The
// page holds the curated pages and what they cite, without maps: it reads
// the seeds through citations, as the curated pages do (citedLines), and
// through the actors' order by prominence, which counts their mentions
// (byProminence): its stamp is the curated pages' and that order.
func (r *renderer) printStamp() func() Key {
	cited := r.curatedStamps[citedLines]
	if cited == (Key{}) {
		return nil
	}
	h := sha256.New()
	h.Write(cited[:])
	for _, a := range r.prominent {
		h.Write(append([]byte(a.Slug), 0))
	}
	var k Key
	h.Sum(k[:0])
	return func() Key { return k }
}

// printPage makes the printable page. Its key declares what the page is
// made from, without laying it out (printInputs); where a cited seed's sum
// is unknown, the page is laid out with each body's key declared from its
// inputs (bodyKey), not parsed and resolved. Either way the page is laid
// out in full only when it is made, as most rebuilds keep it.
func (r *renderer) printPage() (*page, error) {
	pg := &page{Path: "print/index.html", Title: "The whole dossier", Section: "print",
		Description: "The briefing, timeline, disputes, figures, actors, topics, places and method on one page, for printing or saving as PDF."}
	switch {
	case r.in.NoKeys:
		return pg, r.layOutPrint(pg, false)
	case r.citedSeeds != (Key{}):
		pg.Data = printInputs{r}
	default:
		if err := r.layOutPrint(pg, true); err != nil {
			return nil, err
		}
	}
	pg.fill = append(pg.fill, func() error { return r.layOutPrint(pg, false) })
	return pg, nil
}

// printInputs declares, for its key, what the printable page is made from:
// every curated file, drafts too, by path and sum; every seed a curated
// page cites (citedSeedsKey), for the quoted lines and the references'
// articles; sources.yaml and the settings; and the actors' order by
// prominence, which counts their mentions (byProminence). Any edit of a
// curated page changes the page, which holds them all: declaring each of
// its bodies' inputs instead, which lays the page out, took a rebuild after
// an edit a tenth of its time at 1,500 seeds.
type printInputs struct{ r *renderer }

func (d printInputs) key(h *hasher) {
	d.r.curatedFilesKey(h)
	h.key(d.r.citedSeeds)
	for _, a := range d.r.prominent {
		h.str(a.Slug)
	}
}

// layOutPrint sets the printable page's data: with declare, only what its
// key needs.
func (r *renderer) layOutPrint(pg *page, declare bool) error {
	if !declare {
		r.in.PrintCache.begin()
	}
	p := &printer{r: r, pg: pg, refs: newRefTable(), declare: declare}
	// Parts are made in reading order, which numbers the references; the
	// background's items are made with the timeline's, in date order, and
	// printed after the places.
	d := &printData{}
	add := func(id, title string, items []printItem, err error) error {
		if err == nil && len(items) > 0 {
			d.Parts = append(d.Parts, printPart{ID: id, Title: title, Items: items})
		}
		return err
	}
	briefing, err := p.briefing()
	if err := add("part-briefing", "Briefing", briefing, err); err != nil {
		return err
	}
	crisis, background, err := p.timeline()
	if err := add("part-timeline", "Timeline: "+r.settings.Period.Human(), crisis, err); err != nil {
		return err
	}
	for _, part := range []struct {
		id, title string
		make      func() ([]printItem, error)
	}{
		{"part-disputes", "Disputes", p.disputes},
		{"part-figures", "Figures", p.figures},
		{"part-actors", "Actors", p.actors},
		{"part-topics", "Topics", p.topics},
		{"part-places", "Places", p.places},
		{"part-background", "Background", func() ([]printItem, error) { return background, nil }},
		{"part-method", "Method", p.method},
	} {
		items, err := part.make()
		if err := add(part.id, part.title, items, err); err != nil {
			return err
		}
	}
	if !declare {
		d.Refs = p.refs.entries()
		for i := range d.Parts {
			for j := range d.Parts[i].Items {
				it := &d.Parts[i].Items[j]
				if it.body != nil {
					it.body.into = &it.Body
					pg.lazy = append(pg.lazy, it.body)
				}
			}
		}
		// Lazy bodies are made in order: the items' bodies, then the
		// parts that hold them and the reference list.
		for i := range d.Parts {
			part := &d.Parts[i]
			pg.lazy = append(pg.lazy, &lazyBody{into: &part.HTML, make: func() template.HTML { return part.itemsHTML() }})
		}
		pg.lazy = append(pg.lazy, &lazyBody{into: &d.RefsHTML, make: func() template.HTML { return refsHTML(d.Refs) }})
	}
	pg.Data = d
	return nil
}

// printer makes the parts of the printable page, which share its one
// reference list. The page repeats every other page's citations, so they
// are not counted in Stats again: they were, on their own pages.
type printer struct {
	r    *renderer
	pg   *page
	refs *refTable
	// declare has bodies declared, with the key bodyKey gives them, for
	// the page's key; they are neither parsed nor resolved.
	declare bool
}

// linkTo is where a link to page q goes within the printable page: its
// item, a figure's measure, or nowhere for a page that is not published.
func (p *printer) linkTo(q *content.Page) string {
	if !p.r.published[q.Slug] {
		return ""
	}
	if q.Type == content.TypeFigure {
		// Figures are printed within their measures.
		if f := p.r.figure(q.Slug); f != nil {
			return "#measure-" + f.Measure
		}
	}
	return "#" + printID(q)
}

// body parses a page's body afresh and moves its headings below the page's
// own: h2 in a body becomes h4 under a part's h2 and an item's h3 (shift
// 2), or h3 where the item has no title (shift 1). The body is resolved
// from the page's own tree, which is only read: when the print cache has
// the HTML that resolution gives, nothing is parsed.
func (p *printer) body(q *content.Page, shift int) (*lazyBody, error) {
	prefix := printID(q) + "-"
	if p.declare {
		b, err := p.resolve(q.AST, q.Body)
		b.key = htmlKey(b.key, shift, prefix)
		return b, err
	}
	res := p.r.resolve(pageNodes(q), q.Body, p.pg.Path, p.refs, p.linkTo)
	k := htmlKey(res.key, shift, prefix)
	if html, ok := p.r.in.PrintCache.get(k); ok {
		return &lazyBody{key: res.key, cites: len(res.cites), make: func() template.HTML { return html }}, nil
	}
	doc := p.r.in.PrintCache.tree(q.Body, shift, prefix, func() ast.Node {
		doc := p.r.in.Markdown.Parse(q.Body)
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
		return doc
	})
	if err := res.apply(nodesOf(doc, q.Body)); err != nil {
		return nil, fmt.Errorf("%s: %w", q.File, err)
	}
	b := &lazyBody{key: res.key, cites: len(res.cites), doc: doc, src: q.Body}
	p.r.in.PrintCache.keep(b, k)
	return b, nil
}

// resolve resolves doc, src's tree, for the page, or with declare gives
// a body that only has its key, declared from doc's citations and links
// (see bodyKey).
func (p *printer) resolve(doc ast.Node, src []byte) (*lazyBody, error) {
	if !p.declare {
		return p.r.resolveBody(doc, src, p.pg.Path, p.refs, p.linkTo)
	}
	cites, links := markdown.Nodes(doc)
	return &lazyBody{key: p.r.bodyKey(src, p.pg.Path, cites, links, p.linkTo)}, nil
}

// item is a page printed under its title, with a kicker above it and a
// line of meta below.
func (p *printer) item(q *content.Page, kicker, meta string) (printItem, error) {
	b, err := p.body(q, 2)
	return printItem{ID: printID(q), Title: q.Title(), Kicker: kicker, Meta: meta, body: b}, err
}

// briefing is the key facts, as on the briefing, then the briefing's
// sections as h3.
func (p *printer) briefing() ([]printItem, error) {
	idx := p.r.in.Site.Index
	if idx == nil || idx.Draft {
		return nil, nil
	}
	var items []printItem
	var facts []string
	for _, f := range idx.Facts {
		facts = append(facts, "**"+f.Label+":** "+f.Text)
	}
	if len(facts) > 0 {
		src := []byte(strings.Join(facts, "\n\n"))
		b, err := p.resolve(p.r.in.Markdown.Parse(src), src)
		if err != nil {
			return nil, err
		}
		items = append(items, printItem{ID: "key-facts", Title: "Key facts", body: b})
	}
	b, err := p.body(&idx.Page, 1)
	if err != nil {
		return nil, err
	}
	return append(items, printItem{ID: printID(&idx.Page), Meta: idx.Description, body: b}), nil
}

// timeline is the events of the dossier's period and after (crisis), and
// those before it (background), each in date order.
func (p *printer) timeline() (crisis, background []printItem, err error) {
	for _, e := range live(p.r.in.Site.Events) {
		it, err := p.item(&e.Page, when(e), "")
		if err != nil {
			return nil, nil, err
		}
		if part(e, p.r.settings.Period) < 0 {
			background = append(background, it)
		} else {
			crisis = append(crisis, it)
		}
	}
	return crisis, background, nil
}

// disputes is every dispute with its claims.
func (p *printer) disputes() ([]printItem, error) {
	var items []printItem
	for _, x := range disputeOrder(live(p.r.in.Site.Disputes)) {
		it, err := p.item(&x.Page, "Dispute of "+disputeKinds[x.Kind], "")
		if err != nil {
			return nil, err
		}
		it.Extra = p.r.printClaims(p.pg, x)
		items = append(items, it)
	}
	return items, nil
}

// figures is every measure that has figures, with its comparison.
func (p *printer) figures() ([]printItem, error) {
	var items []printItem
	for _, m := range measureOrder(live(p.r.in.Site.Measures)) {
		if len(live(m.Figures)) == 0 {
			continue
		}
		it, err := p.item(&m.Page, themeLabels[m.Theme], measureMeta(m))
		if err != nil {
			return nil, err
		}
		it.ID = "measure-" + m.Slug
		it.Extra = p.r.printMeasure(p.pg, m)
		items = append(items, it)
	}
	return items, nil
}

// actors is the actors by side, most prominent first, each with its role
// and other spellings.
func (p *printer) actors() ([]printItem, error) {
	var items []printItem
	for _, s := range p.r.settings.Sides {
		for _, a := range p.r.prominent {
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
			it, err := p.item(&a.Page, s.Label+" · "+a.Kind, meta)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		}
	}
	return items, nil
}

// topics is the topics by weight, each with its summary.
func (p *printer) topics() ([]printItem, error) {
	var items []printItem
	for _, t := range topicOrder(live(p.r.in.Site.Topics)) {
		it, err := p.item(&t.Page, "", t.Summary)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// places is the places, each with its kind and country.
func (p *printer) places() ([]printItem, error) {
	var items []printItem
	for _, q := range live(p.r.in.Site.Places) {
		it, err := p.item(&q.Page, placeKind(q.Kind)+", "+countryName(q.Country), "")
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// method is the about page.
func (p *printer) method() ([]printItem, error) {
	a := p.r.in.Site.About
	if a == nil || a.Draft {
		return nil, nil
	}
	it, err := p.item(&a.Page, "", a.Description)
	if err != nil {
		return nil, err
	}
	return []printItem{it}, nil
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
