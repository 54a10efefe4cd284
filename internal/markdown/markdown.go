// Package markdown is the dossier's one goldmark configuration.
//
// Curated pages are CommonMark with GitHub extensions (tables, strikethrough,
// autolinks, task lists), footnotes, definition lists, typographic quotes and
// heading IDs. Raw HTML is never passed through. Two inline forms are added:
//
//	[@000:42]              a citation of line 42 of seed 000
//	[@000:42-44]           a citation of lines 42 to 44
//	[@000:42; @003:7]      several citations in one place
//	[[khawaja-asif]]       a link to another page by slug, name or alias
//	[[Khawaja Asif|him]]   the same with the link text after the bar
//	{"diplomatic pawns"}   a quotation of the cited article's own words (its
//	                       narration or headline), not of a person it quotes;
//	                       rendered “diplomatic pawns” (in the words of <outlet>)
//
// Parse turns a page body into an AST whose Citation, WikiLink and Narration
// nodes carry their source offsets; later stages fill in their numbers,
// targets and voices (Citation.Num, WikiLink.Href, Narration.Voice, …)
// before Render writes HTML. A citation
// written with a typo, such as [@00:4], is not a Citation: Lint reports it.
package markdown

import (
	"io"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown parses and renders page bodies. It is safe for concurrent use as
// long as each AST is rendered by one goroutine at a time.
type Markdown struct {
	md goldmark.Markdown
}

// New returns the dossier's goldmark setup.
func New() *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.DefinitionList,
			extension.Typographer,
			// Footnote IDs get a prefix so they cannot clash with citation anchors.
			extension.NewFootnote(extension.WithFootnoteIDPrefix("note-")),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			// 150 runs before the link parser (200), which would otherwise
			// take every "[" and leave [@…] and [[…]] as literal text.
			parser.WithInlineParsers(util.Prioritized(inlineParser{}, 150), util.Prioritized(narrationParser{}, 150)),
		),
		goldmark.WithRendererOptions(
			// html.WithUnsafe is deliberately absent: raw HTML in content is dropped.
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
		),
	)
	return &Markdown{md: md}
}

// Parse parses a page body.
func (m *Markdown) Parse(src []byte) ast.Node {
	return m.md.Parser().Parse(text.NewReader(src))
}

// Render writes the HTML of a parsed body.
func (m *Markdown) Render(w io.Writer, src []byte, doc ast.Node) error {
	return m.md.Renderer().Render(w, src, doc)
}
