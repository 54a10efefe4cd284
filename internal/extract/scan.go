package extract

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The patterns of this package are costly to run over a whole paragraph:
// most have no literal prefix, so the regexp engine tries a match at every
// byte. Each pattern is run instead only on the windows of the paragraph that
// can hold a match: around the words every match must contain, found by a
// byte scan. A window always holds every match that overlaps it, starts at a
// rune boundary after a character that is not a regexp word character, and
// ends before one, so \b reads the same at its edges as in the paragraph;
// the matches are then exactly those over the whole paragraph.

// A finder finds the matches of re in a text as
// re.FindAllStringSubmatchIndex(text, -1) does, running re only on the
// windows windows returns (given the text and its word runs).
type finder struct {
	re func() *regexp.Regexp // compiled on first use (lazyRegexp)
	// fold is set when re ignores case: a text with a fold oddity is then
	// searched whole.
	fold    bool
	windows func(text string, runs []Span) []Span
	// window, when set, finds the matches in one window of text itself when
	// it can, faster than re, or returns false (see verbHead).
	window func(text string, runs []Span, w Span) ([][]int, bool)
}

func (f finder) find(text string, runs []Span) [][]int {
	if f.fold && foldOddity(text) {
		return f.re().FindAllStringSubmatchIndex(text, -1)
	}
	var out [][]int
	for _, w := range joinWindows(text, f.windows(text, runs)) {
		if f.window != nil {
			if ms, ok := f.window(text, runs, w); ok {
				out = append(out, ms...)
				continue
			}
		}
		out = append(out, findIn(f.re(), text, w)...)
	}
	return out
}

// atWords is a finder's window function for a pattern whose matches start
// with \b and a word start accepts: it runs whole, the pattern anchored as
// ^(?:pattern), at each word run start accepts from where the search stands
// (the window's start, then the end of the last match), which finds what
// FindAllStringSubmatchIndex finds over the window without trying the
// pattern at every byte. \b holds at a word run's start in the window as in
// the text.
func atWords(whole func() *regexp.Regexp, start func(string) bool) func(string, []Span, Span) ([][]int, bool) {
	return func(text string, runs []Span, w Span) ([][]int, bool) {
		var out [][]int
		pos := w.Start
		for _, r := range runs {
			if r.Start < pos || r.End > w.End || !start(text[r.Start:r.End]) {
				continue
			}
			m := whole().FindStringSubmatchIndex(text[r.Start:w.End])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += r.Start
				}
			}
			out = append(out, m)
			pos = m[1]
		}
		return out, true
	}
}

// around is a finder's windows: the word runs anchor accepts, with before
// word runs before them and after after them.
func around(anchor func(string) bool, before, after int) func(string, []Span) []Span {
	return func(text string, runs []Span) []Span { return aroundWords(text, runs, anchor, before, after) }
}

// isWordByte reports whether b is a regexp word character (\w): an ASCII
// letter, digit or underscore. A byte of a multi-byte rune never is.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// wordRuns returns the maximal runs of regexp word characters in text: the
// words \b delimits.
func wordRuns(text string) []Span { return wordRunsInto(nil, text) }

// wordRunsInto is wordRuns, made in the memory of buf when it is large
// enough.
func wordRunsInto(buf []Span, text string) []Span {
	n := 0 // counted first, to allocate once
	for i := 0; i < len(text); i++ {
		if isWordByte(text[i]) && (i == 0 || !isWordByte(text[i-1])) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := buf[:0]
	if cap(out) < n {
		out = make([]Span, 0, n)
	}
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		s := i
		for i < len(text) && isWordByte(text[i]) {
			i++
		}
		out = append(out, Span{s, i})
	}
	return out
}

// foldOddity reports whether text holds one of the two non-ASCII runes
// that case-fold to ASCII letters: "ſ" (s) and the Kelvin sign (k). A
// case-insensitive pattern may match a word written with them that the
// ASCII scans of this file do not see, so such a text is searched whole.
func foldOddity(text string) bool {
	return strings.Contains(text, "ſ") || strings.Contains(text, "\u212a")
}

// aroundWords returns, for every word run that anchor accepts, a window from
// the start of the word run before runs earlier to the end of the one after
// runs later.
func aroundWords(text string, runs []Span, anchor func(string) bool, before, after int) []Span {
	var out []Span
	for i, r := range runs {
		if anchor(text[r.Start:r.End]) {
			out = append(out, Span{runs[max(0, i-before)].Start, runs[min(len(runs)-1, i+after)].End})
		}
	}
	return out
}

// joinWindows widens windows to the words they cut, sorts them and joins
// those that overlap or touch, so that a match inside one of the windows
// given lies inside one of those returned, and \b reads the same at their
// edges as in text.
func joinWindows(text string, windows []Span) []Span {
	if len(windows) == 0 {
		return nil
	}
	for i, w := range windows {
		s, e := w.Start, w.End
		for s > 0 && (s < len(text) && text[s]&0xC0 == 0x80 || isWordByte(text[s-1])) {
			s--
		}
		for e < len(text) && (text[e]&0xC0 == 0x80 || isWordByte(text[e])) {
			e++
		}
		windows[i] = Span{s, e}
	}
	sort.Slice(windows, func(i, j int) bool { return windows[i].Start < windows[j].Start })
	var out []Span
	for i := 0; i < len(windows); {
		w := windows[i]
		for i++; i < len(windows) && windows[i].Start <= w.End; i++ {
			w.End = max(w.End, windows[i].End)
		}
		out = append(out, w)
	}
	return out
}

// findIn is re.FindAllStringSubmatchIndex over the window w of text, with
// offsets into text.
func findIn(re *regexp.Regexp, text string, w Span) [][]int {
	ms := re.FindAllStringSubmatchIndex(text[w.Start:w.End], -1)
	for _, m := range ms {
		for k := range m {
			if m[k] >= 0 {
				m[k] += w.Start
			}
		}
	}
	return ms
}

// foldIn returns an anchor test accepting the given words in any ASCII case:
// a word of the same length that strings.EqualFold finds equal to one.
func foldIn(words ...string) func(string) bool {
	among := func(w string, words []string) bool {
		for _, x := range words {
			if len(w) == len(x) && strings.EqualFold(w, x) {
				return true
			}
		}
		return false
	}
	// Words of ASCII letters are filed by length and first letter, so that
	// most words are turned down by two lookups. A word starting with
	// another byte is not one of them: the only runes that fold to ASCII
	// letters ("ſ", the Kelvin sign) are longer than the letters.
	const longest = 16
	var filed [longest + 1][26][]string
	for _, x := range words {
		if len(x) == 0 || len(x) > longest || !isASCII(x) || x[0]|0x20 < 'a' || x[0]|0x20 > 'z' {
			return func(w string) bool { return among(w, words) }
		}
		filed[len(x)][x[0]|0x20-'a'] = append(filed[len(x)][x[0]|0x20-'a'], x)
	}
	return func(w string) bool {
		if len(w) == 0 || len(w) > longest || w[0]|0x20 < 'a' || w[0]|0x20 > 'z' {
			return false
		}
		return among(w, filed[len(w)][w[0]|0x20-'a'])
	}
}

// verbWindows returns, for every speech verb of sentence standing as a word
// of its own, a window from the farthest point a speaker before it may start
// to the verb's end: back to the first rune stop accepts, or to the comma
// after commas commas.
func verbWindows(sentence string, runs []Span, stop func(rune) bool, commas int) []Span {
	var out []Span
	for _, r := range runs {
		if !speechVerbs[sentence[r.Start:r.End]] {
			continue
		}
		s, n := r.Start, 0
		for s > 0 {
			c, size := utf8.DecodeLastRuneInString(sentence[:s])
			if c == ',' {
				if n++; n > commas {
					break
				}
			} else if stop(c) {
				break
			}
			s -= size
		}
		out = append(out, Span{s, r.End})
	}
	return out
}

// outsideName reports whether a rune cannot be part of a speaker's name or
// description: names are letters, digits, spaces and ". ’ ' -".
func outsideName(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.IsSpace(r) || strings.ContainsRune(".’'-", r))
}

// quoteMark reports whether a rune is a quotation mark, which no
// appositive holds.
func quoteMark(r rune) bool { return r == '“' || r == '”' || r == '"' }

// hasFold reports whether text contains needle, a lower-case ASCII word, in
// any ASCII case.
func hasFold(text, needle string) bool {
	for i := 0; i+len(needle) <= len(text); i++ {
		if foldAt(text, i, needle) {
			return true
		}
	}
	return false
}

// lazyRegexp returns a regular expression compiled when first used. The
// extractors' expressions took 5–7 ms to compile when the program started,
// which every command paid, though a rebuild after an edit of a page
// extracts nothing (the seed store has what was found in each seed).
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
