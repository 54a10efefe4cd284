package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/dossier-project/dossier/internal/text"
)

// newsTokens splits one paragraph of a seed into what a reader checks in it:
// quotations (chroma.LiteralString), weekday and month names
// (chroma.LiteralDate) and numbers (chroma.LiteralNumber); the rest is
// chroma.Text. It is written by hand because chroma's regular-expression
// lexers backtrack and took half of a build's time on large corpora; the
// tokens are exactly those of the rules
//
//	“[^”]*”|"[^"\n]*"                            string
//	(?i)\b(?:Monday|…|December|Jan\.|…)(?=\W|$)   date
//	\$?\d[\d,]*(?:\.\d+)?%?                       number
//	[^“"\d$A-Za-z]+|[A-Za-z]+|\$|.                text
//
// tried in that order at each position (see TestNewsTokensMatchRegexpRules).
func newsTokens(text string) []chroma.Token {
	var toks []chroma.Token
	scanNews(text, func(t chroma.TokenType, i, j int) {
		toks = append(toks, chroma.Token{Type: t, Value: text[i:j]})
	})
	return toks
}

// scanNews calls token with the type, start and end of each token of
// newsTokens, in order, without making them.
func scanNews(text string, token func(t chroma.TokenType, i, j int)) {
	for i := 0; i < len(text); {
		rest := text[i:]
		t, n := chroma.LiteralString, quoted(rest)
		if n == 0 {
			t, n = chroma.LiteralDate, dateWord(text, i)
		}
		if n == 0 {
			t, n = chroma.LiteralNumber, number(rest)
		}
		if n == 0 {
			t, n = chroma.Text, textRun(rest)
		}
		token(t, i, i+n)
		i += n
	}
}

// quoted matches “…” or "…" (the latter within one line).
func quoted(s string) int {
	switch {
	case strings.HasPrefix(s, "“"):
		if j := strings.Index(s[len("“"):], "”"); j >= 0 {
			return len("“") + j + len("”")
		}
	case strings.HasPrefix(s, `"`):
		if j := strings.IndexAny(s[1:], "\"\n"); j >= 0 && s[1+j] == '"' {
			return j + 2
		}
	}
	return 0
}

// dateWord matches a weekday or month name at text[i:] that starts and ends
// at a word boundary, ignoring case as strings.EqualFold does. The names are
// ASCII, and a run of bytes folds to one only if it is ASCII too (a rune of
// more than one byte would leave it short of runes), so the match is the run
// of ASCII letters at i, with the dot of an abbreviation, looked up.
func dateWord(text string, i int) int {
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); isWord(r) {
			return 0
		}
	}
	j := i
	for j < len(text) && j-i <= maxDateWord && ('a' <= text[j]|0x20 && text[j]|0x20 <= 'z') {
		j++
	}
	if j == i || j-i > maxDateWord {
		return 0
	}
	var lower [maxDateWord + 1]byte
	for k := i; k < j; k++ {
		lower[k-i] = text[k] | 0x20
	}
	word := lower[:j-i]
	if j < len(text) && text[j] == '.' {
		if isDateWord(append(word, '.')) && !wordAt(text, j+1) {
			return j + 1 - i
		}
	}
	if isDateWord(word) && !wordAt(text, j) {
		return j - i
	}
	return 0
}

// maxDateWord is the length of the longest date word, "september".
const maxDateWord = 9

// dateWords are the weekday and month names, lower-case.
var dateWords = text.WordSet("monday tuesday wednesday thursday friday saturday sunday " +
	"january february march april may june july august september october november december " +
	"jan. feb. aug. sept. sep. oct. nov. dec.")

// datesFiled are the date words by length and first letter: most words
// are turned down by a lookup in it, without hashing.
var datesFiled = func() (filed [maxDateWord + 2][26][]string) {
	for w := range dateWords {
		filed[len(w)][w[0]-'a'] = append(filed[len(w)][w[0]-'a'], w)
	}
	return filed
}()

// isDateWord reports whether a lower-case word is one of dateWords.
func isDateWord(w []byte) bool {
	if len(w) == 0 || len(w) >= len(datesFiled) || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	for _, x := range datesFiled[len(w)][w[0]-'a'] {
		if string(w) == x {
			return true
		}
	}
	return false
}

// wordAt reports whether a word character starts at text[i:].
func wordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWord(r)
}

// number matches \$?\d[\d,]*(?:\.\d+)?%?.
func number(s string) int {
	i := 0
	if strings.HasPrefix(s, "$") {
		i = 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsDigit(r) {
		return 0
	}
	i += n
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) && r != ',' {
			break
		}
		i += n
	}
	if strings.HasPrefix(s[i:], ".") {
		j := i + 1
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j > i+1 {
			i = j
		}
	}
	if strings.HasPrefix(s[i:], "%") {
		i++
	}
	return i
}

// textRun matches [^“"\d$A-Za-z]+ | [A-Za-z]+ | \$ | . at the start of s.
func textRun(s string) int {
	asciiLetter := func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }
	other := func(r rune) bool { return r != '“' && r != '"' && r != '$' && !unicode.IsDigit(r) && !asciiLetter(r) }
	r, n := utf8.DecodeRuneInString(s)
	var same func(rune) bool
	switch {
	case asciiLetter(r):
		same = asciiLetter
	case other(r):
		same = func(r rune) bool { return other(r) }
	default:
		return n
	}
	i := n
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !same(r) {
			break
		}
		i += n
	}
	return i
}

// isWord is the \w of .NET regular expressions, which chroma's lexers use:
// letters, non-spacing marks, decimal digits and connector punctuation.
func isWord(r rune) bool {
	if r < utf8.RuneSelf { // no ASCII character is a nonspacing mark; '_' is Pc
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Pc, r)
}
