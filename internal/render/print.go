package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-project/dossier/internal/content"
)

// The printable page, print/index.html, holds the whole dossier in reading
// order: briefing, timeline, actors, figures, topics, method, then one
// numbered reference list with each source line's address written out. Links
// between pages become links within the page. Bodies are parsed afresh here,
// so heading levels and ids can be changed without touching the ASTs the
// other pages render from.

type printPart struct {
	ID, Title string
	Items     []printItem
}

type printItem struct {
	ID, Title, Kicker, Meta string
	Body                    template.HTML // rendered from body when the page is made
	body                    *lazyBody
}

type printRef struct {
	reference
	URL string // the cited line's address, written out for paper
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
	return r.executeLater("print", "print/index.html", r.printPage)
}

func (r *renderer) printPage() (*page, error) {
	site := r.in.Site
	pg := &page{Path: "print/index.html", Title: "The whole dossier", Section: "print",
		Description: "The briefing, timeline, actors, figures, topics and method on one page, for printing or saving as PDF."}
	refs := newRefTable()
	// The page repeats every other page's citations; they are counted once, there.
	linkTo := func(q *content.Page) string {
		if !r.published[q.Slug] {
			return ""
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
	var parts []printPart
	addPart := func(id, title string, items []printItem) {
		if len(items) > 0 {
			parts = append(parts, printPart{ID: id, Title: title, Items: items})
		}
	}

	var items []printItem
	if site.Index != nil && !site.Index.Draft {
		// The part's heading names the briefing; its sections follow as h3.
		b, err := body(&site.Index.Page, 1)
		if err != nil {
			return nil, err
		}
		items = append(items, printItem{ID: printID(&site.Index.Page), Meta: site.Index.Description, body: b})
	}
	addPart("part-briefing", "Briefing", items)

	items = nil
	for _, e := range site.Events {
		if e.Draft {
			continue
		}
		it, err := item(&e.Page, when(e), "")
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	addPart("part-timeline", "Timeline", items)

	items = nil
	for _, s := range SideLabels {
		for _, a := range site.Actors {
			if a.Draft || a.Side != s.Side {
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
	for _, f := range site.Figures {
		if f.Draft {
			continue
		}
		claimant := f.ClaimedBy
		if c := site.Page(f.ClaimedBy); c != nil {
			claimant = c.Title()
		}
		meta := FormatValue(f) + " " + f.UnitName + ", claimed by " + claimant
		if !f.AsOf.IsZero() {
			meta += ", as of " + f.AsOf.Human()
		}
		it, err := item(&f.Page, "Measure: "+f.Measure, meta+".")
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	addPart("part-figures", "Figures", items)

	items = nil
	for _, t := range site.Topics {
		if t.Draft {
			continue
		}
		it, err := item(&t.Page, "", t.Summary)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	addPart("part-topics", "Topics", items)

	if site.About != nil && !site.About.Draft {
		it, err := item(&site.About.Page, "", site.About.Description)
		if err != nil {
			return nil, err
		}
		addPart("part-method", "Method", []printItem{it})
	}

	var list []printRef
	for _, e := range refs.entries() {
		list = append(list, printRef{reference: e, URL: fmt.Sprintf("%s%s#L%d", r.in.BaseURL, SourceURL(e.Seed), e.Line)})
	}
	pg.Data = struct {
		Parts []printPart
		Refs  []printRef
	}{parts, list}
	for i := range parts {
		for j := range parts[i].Items {
			it := &parts[i].Items[j]
			it.body.into = &it.Body
			pg.lazy = append(pg.lazy, it.body)
		}
	}
	return pg, nil
}
