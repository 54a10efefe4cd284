package render

import (
	"fmt"

	"github.com/dossier-project/dossier/internal/content"
)

// contentPage adds one curated page with its reference list. Its body and
// data are made when the page's job runs.
func (r *renderer) contentPage(layout string, p *content.Page, section, description string, data func(pg *page) keyer) {
	if p.Draft {
		return
	}
	r.addPage(layout, URL(p), func() (*page, error) {
		pg := &page{Path: URL(p), Title: p.Title(), Section: section, Description: description}
		refs := newRefTable()
		body, err := r.resolveBody(p.AST, p.Body, pg.Path, refs, func(q *content.Page) string { return relative(pg.Path, URL(q)) })
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.File, err)
		}
		r.plan.citations.Add(int64(body.cites))
		body.into = &pg.Body
		pg.lazy = append(pg.lazy, body)
		if data != nil {
			pg.Data = data(pg)
		}

		pg.Refs = refs.entries()
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
