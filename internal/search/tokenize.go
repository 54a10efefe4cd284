package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxTermRunes bounds a term: a longer run of letters (a URL, a hash, a line
// of a binary file) is not a word a reader types, and would only bloat the
// dictionary.
const maxTermRunes = 40

// foldRune appends the folded form of r to dst: its canonical decomposition
// without combining marks, lower-cased, so "Mujāhid" and "mujahid" are one
// term. engine.js folds the same way (normalize("NFD"), drop \p{M},
// toLowerCase), one code point at a time, so both sides agree without
// context rules such as the Greek final sigma.
func foldRune(dst []rune, r rune) []rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, r)
	}
	var buf [4 * utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if !unicode.Is(unicode.M, d) {
			dst = append(dst, unicode.ToLower(d))
		}
	}
	return dst
}

// isWordRune reports whether a folded rune belongs to a term: letters and
// numbers of any script (engine.js: /[\p{L}\p{N}]/u).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// tokenize calls emit with every term of s, in order. A term is a run of
// letters and digits after folding, at most maxTermRunes long (longer runs
// are dropped). Numbers keep their thousands separators out and their
// decimal point in, so "2,414" is the term "2414" (as "2414" is) and "1.5"
// stays "1.5". With partial set, s is a query being typed: a trailing
// "2,41" is the start of "2,41x" and becomes "241", so that prefix search
// finds 2,414 while it is typed. The term passed to emit is only valid
// during the call.
//
// engine.js implements the same rules; TestEngineTokenizerAgrees keeps the
// two in step.
func tokenize(s string, partial bool, emit func(term []byte)) {
	var cur []byte
	var folded []rune
	runes := 0
	flush := func() {
		if runes > 0 && runes <= maxTermRunes {
			emit(cur)
		}
		cur, runes = cur[:0], 0
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		// Inside a number (a term that starts and so far ends with a digit),
		// a thousands separator is skipped and a decimal point kept.
		if (r == ',' || r == '.') && runes > 0 && isDigit(cur[0]) && isDigit(cur[len(cur)-1]) {
			if r == ',' && thousandsGroup(s[i+1:], partial) {
				i += size
				continue
			}
			if r == '.' && i+1 < len(s) && isDigit(s[i+1]) {
				cur = append(cur, '.')
				runes++
				i += size
				continue
			}
		}
		if r < utf8.RuneSelf { // fast path: ASCII folds to itself, lower-cased
			c := byte(r)
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				cur = append(cur, c)
				runes++
			case 'A' <= c && c <= 'Z':
				cur = append(cur, c+'a'-'A')
				runes++
			default:
				flush()
			}
			i += size
			continue
		}
		folded = foldRune(folded[:0], r)
		for _, f := range folded {
			if isWordRune(f) {
				cur = utf8.AppendRune(cur, f)
				runes++
			} else {
				flush()
			}
		}
		i += size
	}
	flush()
}

// thousandsGroup reports whether rest, the text after a comma inside a
// number, is a group of exactly three digits (",414" but not ",4142" or
// ",41"). In a partial query, one to three digits that end the text count
// too.
func thousandsGroup(rest string, partial bool) bool {
	n := 0
	for n < len(rest) && n < 4 && isDigit(rest[n]) {
		n++
	}
	if n == 3 && (len(rest) == 3 || !isDigit(rest[3])) {
		return true
	}
	return partial && n >= 1 && n <= 3 && n == len(rest)
}

// terms returns the terms of s that are not stop words.
func terms(s string) []string {
	var out []string
	tokenize(s, false, func(t []byte) {
		if !stopWords[string(t)] {
			out = append(out, string(t))
		}
	})
	return out
}
