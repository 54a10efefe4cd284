package render

import (
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeLine writes one seed line as the source viewer shows it: the tokens
// of newsTokens, each in a span of chroma's class for its type (the classes
// chroma.css styles), exactly as chroma's HTML formatter writes them, but
// without its per-call set-up, which costs more than the line itself.
func writeLine(b *strings.Builder, text string) {
	for _, t := range newsTokens(text) {
		cls := tokenClass(t.Type)
		if cls != "" {
			b.WriteString(`<span class="`)
			b.WriteString(cls)
			b.WriteString(`">`)
		}
		b.WriteString(html.EscapeString(t.Value))
		if cls != "" {
			b.WriteString(`</span>`)
		}
	}
}

// tokenClass is chroma's class for a token type: its own, or its nearest
// parent's.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}
