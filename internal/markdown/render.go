package markdown

import (
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindCitation, renderCitation)
	r.Register(KindWikiLink, renderWikiLink)
	r.Register(KindNarration, renderNarration)
}

// insideLink reports whether n sits in a link's text, where another <a>
// would be invalid HTML.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink || p.Kind() == ast.KindAutoLink || p.Kind() == KindWikiLink {
			return true
		}
	}
	return false
}

// renderCitation writes one superscript number per ref. The cited text sits
// in a tooltip span that CSS shows on hover and focus, so previews work
// without JavaScript; without CSS the number is still a link to the line.
func renderCitation(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c := node.(*Citation)
	nested := insideLink(c)
	for i, r := range c.Refs {
		if i >= len(c.Num) || c.Num[i] == 0 || i >= len(c.Where) {
			// Not resolved: show the raw reference so nothing silently disappears.
			fmt.Fprintf(w, `<sup class="cite cite-missing">[@%s]</sup>`, html.EscapeString(r.String()))
			continue
		}
		tipID := c.ID[i] + "-tip"
		fmt.Fprintf(w, `<span class="cite"><sup id="%s">`, html.EscapeString(c.ID[i]))
		if nested {
			fmt.Fprintf(w, `[%d]`, c.Num[i])
		} else {
			fmt.Fprintf(w, `<a href="%s" aria-describedby="%s">[%d]</a>`, html.EscapeString(c.Href[i]), html.EscapeString(tipID), c.Num[i])
		}
		fmt.Fprintf(w, `</sup><span class="tip" role="tooltip" id="%s"><q>%s</q> <small>%s · %s</small></span></span>`,
			html.EscapeString(tipID), html.EscapeString(c.Tip[i]), html.EscapeString(c.About[i]), html.EscapeString(c.Where[i]))
	}
	return ast.WalkSkipChildren, nil
}

func renderWikiLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	l := node.(*WikiLink)
	label := l.Label
	if label == "" {
		label = l.Title
	}
	if label == "" {
		label = l.Target
	}
	if l.Href == "" || insideLink(l) {
		fmt.Fprintf(w, `<span class="wikilink">%s</span>`, html.EscapeString(label))
		return ast.WalkSkipChildren, nil
	}
	fmt.Fprintf(w, `<a class="wikilink" href="%s">%s</a>`, html.EscapeString(l.Href), html.EscapeString(label))
	return ast.WalkSkipChildren, nil
}
