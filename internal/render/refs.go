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
	"github.com/dossier-project/dossier/internal/text"
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

// lazyBody is a parsed body whose citations and links are resolved: what
// it will render to is fixed, and key names it.
type lazyBody struct {
	key   Key // the markdown source and every resolved number, link and tooltip
	cites int // citation nodes
	doc   ast.Node
	src   []byte
	into  *template.HTML // where the HTML goes when the page is made
}

func (b *lazyBody) render(md *markdown.Markdown) (template.HTML, error) {
	var buf bytes.Buffer
	if err := md.Render(&buf, b.src, b.doc); err != nil {
		return "", err
	}
	// The markdown renderer escapes all text and drops raw HTML, so its output is trusted.
	return template.HTML(buf.String()), nil
}

// resolveBody fills in the citation nodes of doc (numbered in refs, linking
// from the page at `from`) and its wikilinks (to linkTo of the target page),
// without rendering. Each AST may be resolved by one goroutine at a time.
func (r *renderer) resolveBody(doc ast.Node, src []byte, from string, refs *refTable, linkTo func(*content.Page) string) (*lazyBody, error) {
	cites, links := markdown.Nodes(doc)
	var resolved []any
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
			c.Tip[i] = text.Shorten(e.Text, 280)
			c.About[i] = e.About
			c.ID[i] = fmt.Sprintf("cite-%d-%d", e.Num, len(e.Backrefs)+1)
			e.Backrefs = append(e.Backrefs, c.ID[i])
		}
		resolved = append(resolved, c.Refs, c.Num, c.Href, c.ID, c.Tip, c.About)
	}
	for _, l := range links {
		l.Href, l.Title = "", ""
		if q, err := r.in.Site.Resolve(l.Target); err == nil && r.published[q.Slug] {
			l.Href = linkTo(q)
			l.Title = q.Title()
		}
		resolved = append(resolved, l.Target, l.Label, l.Href, l.Title)
	}
	key, err := hashValues(src, resolved)
	if err != nil {
		return nil, err
	}
	return &lazyBody{key: key, cites: len(cites), doc: doc, src: src}, nil
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
