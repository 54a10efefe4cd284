package markdown

import (
	"bytes"
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

// citeForm reads a citation at the start of line: "[@" a reference
// (source.ParseRef, without "@"), then any number of "; @" and another
// (with space around the ";"), then "]". It returns the references' text
// and the citation's length, or ok false. (By hand, not by a regular
// expression: every "[" of every curated page is tried, on every build;
// the tests hold it equal to the expression it replaces.)
func citeForm(line []byte) (refs string, n int, ok bool) {
	if !bytes.HasPrefix(line, []byte("[@")) {
		return "", 0, false
	}
	end := bytes.IndexByte(line, ']') // no reference holds one
	if end < 0 {
		return "", 0, false
	}
	refs = string(line[2:end])
	parts := strings.Split(refs, ";")
	for i, p := range parts {
		if i > 0 {
			p, ok = strings.CutPrefix(strings.TrimLeft(p, spaces), "@")
			if !ok {
				return "", 0, false
			}
		}
		if i < len(parts)-1 {
			p = strings.TrimRight(p, spaces)
		}
		if _, err := source.ParseRef(p); err != nil || p != strings.TrimSpace(p) || strings.HasPrefix(p, "@") {
			return "", 0, false
		}
	}
	return refs, end + 1, true
}

// wikiForm reads a wiki link at the start of line: "[[", a target of one
// or more characters but "[", "]", "|" and newline, then perhaps "|" and a
// label of one or more but "[", "]" and newline, then "]]". It returns the
// target, the label and the link's length, or ok false.
func wikiForm(line []byte) (target, label string, n int, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte("[["))
	if !ok {
		return "", "", 0, false
	}
	i := bytes.IndexAny(rest, "[]|\n")
	if i <= 0 {
		return "", "", 0, false
	}
	target, rest = string(rest[:i]), rest[i:]
	if after, ok := bytes.CutPrefix(rest, []byte("|")); ok {
		j := bytes.IndexAny(after, "[]\n")
		if j <= 0 {
			return "", "", 0, false
		}
		label, rest = string(after[:j]), after[j:]
	}
	if !bytes.HasPrefix(rest, []byte("]]")) {
		return "", "", 0, false
	}
	return target, label, len(line) - len(rest) + 2, true
}

// spaces are what \s matches in a regular expression of package regexp.
const spaces = "\t\n\f\r "

// inlineParser recognises both [@…] and [[…]]; anything else starting with
// "[" is left to goldmark's footnote and link parsers.
type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'['} }

func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if refs, n, ok := citeForm(line); ok {
		c := &Citation{Offset: seg.Start}
		for _, part := range strings.Split(refs, ";") {
			r, err := source.ParseRef(part)
			if err != nil {
				return nil // citeForm admits only valid forms; be safe anyway
			}
			c.Refs = append(c.Refs, r)
		}
		block.Advance(n)
		return c
	}
	if target, label, n, ok := wikiForm(line); ok {
		target = strings.TrimSpace(target)
		if target == "" {
			return nil // "[[ ]]" names nothing; Lint reports it
		}
		w := &WikiLink{Target: target, Label: strings.TrimSpace(label), Offset: seg.Start}
		block.Advance(n)
		return w
	}
	return nil
}
