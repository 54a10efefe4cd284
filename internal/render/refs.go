package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

// reference is one entry of a page's reference list: a cited range, the
// article it belongs to, and the places in the page that cite it.
type reference struct {
	Num      int
	Ref      string // "000:42-44"
	Seed     string
	Line     int    // the first cited line
	Href     string // link to the first cited line
	Text     string // the cited lines
	About    string // "title, publisher, date"
	Backrefs []string
}

// refTable numbers references in order of first citation, like Wikipedia:
// citing the same lines twice reuses the number.
type refTable struct {
	byRef map[string]*reference
	list  []*reference
}

func newRefTable() *refTable { return &refTable{byRef: map[string]*reference{}} }

// renderBody resolves a page's citations and links relative to `from`,
// numbering references in refs, and returns the body's HTML.
func (r *renderer) renderBody(p *content.Page, from string, refs *refTable) (template.HTML, error) {
	return r.renderMarkdown(p.Doc, p.Body, from, refs, func(q *content.Page) string { return relative(from, URL(q)) })
}

// renderMarkdown fills in a parsed body's citations (numbered in refs, linking
// from the page at `from`) and wikilinks (to linkTo of the target page) and
// renders it.
func (r *renderer) renderMarkdown(doc ast.Node, src []byte, from string, refs *refTable, linkTo func(*content.Page) string) (template.HTML, error) {
	cites, links := markdown.Nodes(doc)
	for _, c := range cites {
		n := len(c.Refs)
		c.Num, c.Href, c.ID, c.Tip, c.About = make([]int, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		for i, ref := range c.Refs {
			e := refs.add(r.in.Corpus, ref, from)
			if e == nil {
				continue
			}
			c.Num[i] = e.Num
			c.Href[i] = e.Href
			c.Tip[i] = shorten(e.Text, 280)
			c.About[i] = e.About
			c.ID[i] = fmt.Sprintf("cite-%d-%d", e.Num, len(e.Backrefs)+1)
			e.Backrefs = append(e.Backrefs, c.ID[i])
		}
	}
	for _, l := range links {
		l.Href, l.Title = "", ""
		if q, err := r.in.Site.Resolve(l.Target); err == nil && r.published[q.Slug] {
			l.Href = linkTo(q)
			l.Title = q.Title()
		}
	}
	var b bytes.Buffer
	if err := r.in.Markdown.Render(&b, src, doc); err != nil {
		return "", err
	}
	r.stats.Citations += len(cites)
	// The markdown renderer escapes all text and drops raw HTML, so its output is trusted.
	return template.HTML(b.String()), nil
}

// add returns the table entry for ref, creating it; nil when the ref does not resolve.
func (t *refTable) add(c *source.Corpus, ref source.Ref, from string) *reference {
	key := ref.String()
	if e := t.byRef[key]; e != nil {
		return e
	}
	lines, err := c.Resolve(ref)
	if err != nil {
		return nil
	}
	var text []string
	for _, l := range lines {
		if s := strings.TrimSpace(l.Text); s != "" {
			text = append(text, s)
		}
	}
	seed := c.Seed(ref.Seed)
	e := &reference{
		Num:   len(t.list) + 1,
		Ref:   key,
		Seed:  ref.Seed,
		Line:  ref.First,
		Href:  fmt.Sprintf("%s#L%d", relative(from, SourceURL(ref.Seed)), ref.First),
		Text:  strings.Join(text, " "),
		About: seed.Describe(ref.First),
	}
	t.byRef[key] = e
	t.list = append(t.list, e)
	return e
}

func (t *refTable) entries() []reference {
	out := make([]reference, len(t.list))
	for i, e := range t.list {
		out[i] = *e
	}
	return out
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		cut := string(r[:n])
		if i := strings.LastIndex(cut, " "); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	return s
}
