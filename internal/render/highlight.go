package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
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
	emit := func(t chroma.TokenType, s string) {
		toks = append(toks, chroma.Token{Type: t, Value: s})
	}
	for i := 0; i < len(text); {
		rest := text[i:]
		if n := quoted(rest); n > 0 {
			emit(chroma.LiteralString, rest[:n])
			i += n
			continue
		}
		if n := dateWord(text, i); n > 0 {
			emit(chroma.LiteralDate, rest[:n])
			i += n
			continue
		}
		if n := number(rest); n > 0 {
			emit(chroma.LiteralNumber, rest[:n])
			i += n
			continue
		}
		emit(chroma.Text, rest[:textRun(rest)])
		i += textRun(rest)
	}
	return toks
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

var dateWords = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
	"Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."}

// dateFirst holds the runes a date word can start with as strings.EqualFold
// compares them: each word's first letter and every rune of its case-folding
// orbit ("ſ" is an "s").
var dateFirst = func() map[rune]bool {
	first := map[rune]bool{}
	for _, w := range dateWords {
		r, _ := utf8.DecodeRuneInString(w)
		for f := unicode.SimpleFold(r); !first[f]; f = unicode.SimpleFold(f) {
			first[f] = true
		}
	}
	return first
}()

// dateWord matches a weekday or month name at text[i:] that starts and ends
// at a word boundary, ignoring case.
func dateWord(text string, i int) int {
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); isWord(r) {
			return 0
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[i:]); !isWord(r) || !dateFirst[r] {
		return 0
	}
	for _, w := range dateWords {
		if len(text)-i < len(w) || !strings.EqualFold(text[i:i+len(w)], w) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(text[i+len(w):]); i+len(w) == len(text) || !isWord(next) {
			return len(w)
		}
	}
	return 0
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
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Pc, r)
}
