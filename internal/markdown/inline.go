package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/dossier-project/dossier/internal/source"
)

// KindCitation and KindWikiLink are the node kinds this package adds.
var (
	KindCitation = ast.NewNodeKind("Citation")
	KindWikiLink = ast.NewNodeKind("WikiLink")
)

// Citation is one [@…] group. The parser fills Refs and Offset; the render
// stage fills the per-ref fields before rendering.
type Citation struct {
	ast.BaseInline
	Refs   []source.Ref
	Offset int // byte offset of "[" in the parsed source

	Num   []int    // reference-list number per ref
	Href  []string // link to the cited line per ref
	ID    []string // anchor of this occurrence per ref, for back links
	Tip   []string // cited text per ref, shown on hover and focus
	About []string // "title, publisher, date" of the cited article per ref
	Where []string // "line 42" or "lines 42–44" per ref: the lines within the source, as readers see them
}

// Kind implements ast.Node.
func (*Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (c *Citation) Dump(src []byte, level int) {
	refs := make([]string, len(c.Refs))
	for i, r := range c.Refs {
		refs[i] = r.String()
	}
	ast.DumpHelper(c, src, level, map[string]string{"Refs": strings.Join(refs, "; ")}, nil)
}

// WikiLink is one [[target]] or [[target|label]]. The render stage fills Href
// and Title; a WikiLink left without Href renders as plain text.
type WikiLink struct {
	ast.BaseInline
	Target string
	Label  string // text after "|", or "" to use the target page's title
	Offset int

	Href  string
	Title string
}

// Kind implements ast.Node.
func (*WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (w *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(w, src, level, map[string]string{"Target": w.Target, "Label": w.Label}, nil)
}

var (
	citeRef  = source.IDForm + `:\d+(?:-\d+)?`
	citeForm = regexp.MustCompile(`^\[@(` + citeRef + `(?:\s*;\s*@` + citeRef + `)*)\]`)
	wikiForm = regexp.MustCompile(`^\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]`)
)

// inlineParser recognises both [@…] and [[…]]; anything else starting with
// "[" is left to goldmark's footnote and link parsers.
type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'['} }

func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if m := citeForm.FindSubmatch(line); m != nil {
		c := &Citation{Offset: seg.Start}
		for _, part := range strings.Split(string(m[1]), ";") {
			r, err := source.ParseRef(part)
			if err != nil {
				return nil // the regexp admits only valid forms; be safe anyway
			}
			c.Refs = append(c.Refs, r)
		}
		block.Advance(len(m[0]))
		return c
	}
	if m := wikiForm.FindSubmatch(line); m != nil {
		target := strings.TrimSpace(string(m[1]))
		if target == "" {
			return nil // "[[ ]]" names nothing; Lint reports it
		}
		w := &WikiLink{Target: target, Label: strings.TrimSpace(string(m[2])), Offset: seg.Start}
		block.Advance(len(m[0]))
		return w
	}
	return nil
}
