package render

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeLine writes one seed line as the source viewer shows it: the tokens
// of newsTokens, each in a span of chroma's class for its type (the classes
// chroma.css styles), exactly as chroma's HTML formatter writes them, but
// without its per-call set-up, which costs more than the line itself. Text
// has no class, so a run of text tokens is written as one.
func writeLine(b *strings.Builder, text string) {
	plain := 0 // where the text not yet written starts
	scanNews(text, func(t chroma.TokenType, i, j int) {
		if t == chroma.Text {
			return
		}
		writeEscaped(b, text[plain:i])
		b.WriteString(`<span class="`)
		b.WriteString(literalClasses[t])
		b.WriteString(`">`)
		writeEscaped(b, text[i:j])
		b.WriteString(`</span>`)
		plain = j
	})
	writeEscaped(b, text[plain:])
}

// literalClasses are the classes of the token types newsTokens gives but
// text, which has none.
var literalClasses = map[chroma.TokenType]string{
	chroma.LiteralString: tokenClass(chroma.LiteralString),
	chroma.LiteralDate:   tokenClass(chroma.LiteralDate),
	chroma.LiteralNumber: tokenClass(chroma.LiteralNumber),
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
