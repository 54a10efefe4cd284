package markdown

import (
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindNarration is the node kind of a quotation of the article's own words.
var KindNarration = ast.NewNodeKind("Narration")

// Narration is a quotation in braces, {"…"} or {“…”}: the words of the
// cited article itself (a reporter's narration, a headline), not of a
// person it quotes. The render stage fills Voice with whose words they are
// ("Al Jazeera"); it is written after the quotation.
type Narration struct {
	ast.BaseInline
	Quote  string // the words between the quotation marks
	Offset int    // byte offset of "{" in the parsed source

	Voice string
}

// Kind implements ast.Node.
func (*Narration) Kind() ast.NodeKind { return KindNarration }

// Dump implements ast.Node.
func (n *Narration) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Quote": n.Quote}, nil)
}

// narrationParser recognises {"…"} and {“…”} on one line.
type narrationParser struct{}

func (narrationParser) Trigger() []byte { return []byte{'{'} }

func (narrationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	q, n := narrationAt(line)
	if n == 0 {
		return nil
	}
	block.Advance(n)
	return &Narration{Quote: q, Offset: seg.Start}
}

// narrationAt matches {"…"} or {“…”} at the start of b and returns the
// quotation and the length matched, or 0.
func narrationAt(b []byte) (string, int) {
	s := string(b)
	for _, marks := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		open := "{" + marks[0]
		if !strings.HasPrefix(s, open) {
			continue
		}
		end := strings.Index(s[len(open):], marks[1]+"}")
		if end <= 0 {
			return "", 0
		}
		q := s[len(open) : len(open)+end]
		if strings.TrimSpace(q) == "" || strings.ContainsAny(q, "\n") {
			return "", 0
		}
		return q, len(open) + end + len(marks[1]) + 1
	}
	return "", 0
}

func renderNarration(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Narration)
	voice := "the article’s words"
	if n.Voice != "" {
		voice = "in the words of " + n.Voice
	}
	fmt.Fprintf(w, `<span class="narration">“%s”</span> <span class="voice">(%s)</span>`, html.EscapeString(n.Quote), html.EscapeString(voice))
	return ast.WalkSkipChildren, nil
}
