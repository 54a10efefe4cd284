package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Block is a paragraph or list item's text with what it cites, the unit the
// "every paragraph is cited" and "quotations are verbatim" rules apply to.
type Block struct {
	Offset     int    // byte offset of the block's first line in the parsed source
	Text       string // the block's markdown source
	Citations  []*Citation
	WikiLinks  []*WikiLink
	Narrations []*Narration // quotations of the article's own words, {"…"}
}

// Quotes returns the texts between double quotes (straight or curly) in the
// block: what the page says someone said. Citations and braced quotations
// of the article's own words (Narrations) are left out.
func (b Block) Quotes() []string {
	t := b.Text
	if !strings.Contains(t, `"`) && !strings.Contains(t, "“") {
		return nil // most blocks: nothing below can find a quote
	}
	// Each pattern is run only on a text that holds its opening characters.
	if strings.Contains(t, "[@") {
		t = anyCite.ReplaceAllString(t, "")
	}
	if strings.Contains(t, "{") {
		t = braced.ReplaceAllString(t, "")
	}
	// Raw HTML is dropped when the page renders, so quotes in its
	// attributes are not words of the page.
	if strings.Contains(t, "<") {
		t = rawTag.ReplaceAllString(t, "")
	}
	var qs []string
	for _, q := range quoted(t) {
		if strings.TrimSpace(q) != "" {
			qs = append(qs, q)
		}
	}
	return qs
}

// quoted returns the non-empty texts between straight double quotes and
// between curly ones, left to right, as the pattern "([^"]+)"|“([^”]+)”
// finds them: a quotation runs to the first closing mark after its opening
// one, and a pair of marks with nothing between them quotes nothing.
func quoted(t string) []string {
	var out []string
	for i := 0; i < len(t); i++ {
		open, closing := "", ""
		switch {
		case t[i] == '"':
			open, closing = `"`, `"`
		case strings.HasPrefix(t[i:], "“"):
			open, closing = "“", "”"
		default:
			continue
		}
		s := i + len(open)
		if j := strings.Index(t[s:], closing); j > 0 {
			out = append(out, t[s:s+j])
			i = s + j + len(closing) - 1
		}
	}
	return out
}

var (
	rawTag  = regexp.MustCompile(`<[^<>\n]*>`)
	braced  = regexp.MustCompile(`\{"[^"\n]+"\}|\{“[^”\n]+”\}`)
	anyCite = regexp.MustCompile(`\[@[^\]]*\]`)
)

// Blocks lists the paragraphs and tight list items of a parsed body in order.
// Headings, code and tables are not blocks: they are not required to cite.
func Blocks(doc ast.Node, src []byte) []Block {
	var blocks []Block
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
		case ast.KindHeading, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		var text bytes.Buffer
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			text.Write(s.Value(src))
		}
		b := Block{Offset: lines.At(0).Start, Text: strings.TrimSpace(text.String())}
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				switch v := c.(type) {
				case *Citation:
					b.Citations = append(b.Citations, v)
				case *WikiLink:
					b.WikiLinks = append(b.WikiLinks, v)
				case *Narration:
					b.Narrations = append(b.Narrations, v)
				}
			}
			return ast.WalkContinue, nil
		})
		blocks = append(blocks, b)
		return ast.WalkSkipChildren, nil
	})
	return blocks
}

// Nodes returns every Citation and WikiLink in the body, including those in
// headings and footnotes, in document order.
func Nodes(doc ast.Node) (cites []*Citation, links []*WikiLink) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch v := n.(type) {
			case *Citation:
				cites = append(cites, v)
			case *WikiLink:
				links = append(links, v)
			}
		}
		return ast.WalkContinue, nil
	})
	return cites, links
}

// Malformed is a citation-like or wikilink-like text the parsers did not accept.
type Malformed struct {
	Offset int
	Text   string
}

var looksLikeCite = regexp.MustCompile("\\[@[^\\]\\n`]*\\]?|\\[\\[[^\\]\\n`]*\\]?\\]?")

// Lint finds "[@…" and "[[…" left as plain text, which is almost always a
// typo that would otherwise leave a paragraph silently uncited. Code spans and
// escaped brackets are not text and are not reported.
func Lint(doc ast.Node, src []byte) []Malformed {
	var out []Malformed
	seen := map[int]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindCodeSpan || n.Kind() == ast.KindCodeBlock || n.Kind() == ast.KindFencedCodeBlock {
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		seg := t.Segment
		// A report starts inside the node, with a bracket: most text has
		// none, and is not searched.
		if bytes.IndexByte(src[seg.Start:seg.Stop], '[') < 0 {
			return ast.WalkContinue, nil
		}
		// Look a little past the node: goldmark may split "[@…]" over several text nodes.
		end := min(len(src), seg.Stop+80)
		for _, m := range looksLikeCite.FindAllIndex(src[seg.Start:end], -1) {
			at := seg.Start + m[0]
			if m[0] >= seg.Len() || (at > 0 && src[at-1] == '\\') || seen[at] {
				continue
			}
			seen[at] = true
			out = append(out, Malformed{Offset: at, Text: string(src[at : seg.Start+m[1]])})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// PlainText returns the readable text of a parsed body, blocks separated by
// newlines, without citations (wikilinks keep their label, or else their
// Title, or else their target). It feeds the search index and page
// descriptions.
func PlainText(doc ast.Node, src []byte) string {
	return PlainTextTitled(doc, src, func(l *WikiLink) string { return l.Title })
}

// PlainTextTitled is PlainText with the title of an unlabelled wikilink
// given by title instead of read from the link, for a caller that reads the
// tree before its links' titles are set, or while they are.
func PlainTextTitled(doc ast.Node, src []byte, title func(*WikiLink) string) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch v := n.(type) {
		case *Citation:
			return ast.WalkSkipChildren, nil
		case *Narration:
			if entering {
				b.WriteString("“" + v.Quote + "”")
			}
			return ast.WalkSkipChildren, nil
		case *WikiLink:
			if entering {
				label := v.Label
				if label == "" {
					label = title(v)
				}
				if label == "" {
					label = v.Target
				}
				b.WriteString(label)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.Write(v.Segment.Value(src))
				if v.SoftLineBreak() || v.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			// The typographer's curly quotes and dashes arrive as entities.
			if entering {
				b.WriteString(html.UnescapeString(string(v.Value)))
			}
		case *ast.CodeSpan:
			if entering {
				for c := v.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						b.Write(t.Segment.Value(src))
					}
				}
			}
			return ast.WalkSkipChildren, nil
		default:
			if !entering && n.Type() == ast.TypeBlock && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	// A citation removed from "in 2025 [@000:1]." leaves "2025 .".
	return strings.TrimSpace(dropSpaceBeforePunct(b.String()))
}

// dropSpaceBeforePunct removes the spaces and tabs that stand right before
// one of . , ; : ! ? ) (the regular expression [ \t]+([.,;:!?)]) replaced
// by its group, in one pass).
func dropSpaceBeforePunct(s string) string {
	var out []byte
	start := 0 // s[start:] is not yet in out
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			continue
		}
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && strings.IndexByte(".,;:!?)", s[j]) >= 0 {
			if out == nil {
				out = make([]byte, 0, len(s))
			}
			out = append(out, s[start:i]...)
			start = j
		}
		i = j - 1
	}
	if out == nil {
		return s
	}
	return string(append(out, s[start:]...))
}
