package render

import (
	"fmt"

	"github.com/dossier-project/dossier/internal/content"
)

// contentPage adds one curated page with its reference list. Its key
// declares the body's inputs (bodyKey); the body's citations, links and
// voices are resolved, and its data made, when the page's job makes it.
func (r *renderer) contentPage(layout string, p *content.Page, section, description string, data func(pg *page) keyer) {
	if p.Draft {
		return
	}
	r.addPage(layout, URL(p), func() (*page, error) {
		pg := &page{Path: URL(p), Title: p.Title(), Section: section, Description: description}
		linkTo := func(q *content.Page) string { return relative(pg.Path, URL(q)) }
		cites, links := p.Nodes()
		r.plan.citations.Add(int64(len(cites)))
		body := &lazyBody{cites: len(cites), doc: p.AST, src: p.Body, into: &pg.Body}
		if !r.in.NoKeys {
			body.key = r.bodyKey(p.Body, pg.Path, cites, links, linkTo)
		}
		pg.lazy = append(pg.lazy, body)
		if data != nil {
			pg.Data = data(pg)
		}
		pg.fill = append(pg.fill, func() error {
			refs := newRefTable()
			if _, err := r.resolveBody(p.AST, p.Body, pg.Path, refs, linkTo); err != nil {
				return fmt.Errorf("%s: %w", p.File, err)
			}
			pg.Refs = refs.entries()
			return nil
		})
		return pg, nil
	})
}

// plainPage is a page with no data of its own beyond its body.
type plainPage struct{}

func (plainPage) key(*hasher) {}

func (r *renderer) renderAbout() error {
	if a := r.in.Site.About; a != nil {
		r.contentPage("page", &a.Page, "about", a.Description, func(*page) keyer { return plainPage{} })
	}
	return nil
}
