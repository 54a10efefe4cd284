package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"
)

// speakerBefore, of the form (A|B)T(?:speechVerb)\b with one group and no
// assertion in A, B or T, is costly to run: it has a thousand instructions
// and no literal prefix, so the regexp package runs its NFA, which starts a
// match at every byte of a window. speakerAppositive is of the same form,
// with one alternative.
//
// Every match ends with a speech verb standing as a word: the verb follows
// white space and precedes a word boundary. So the first start of a match
// ending with a given verb is where (A|B)T$ first matches the text before
// the verb, taking the same path through the pattern; and the next match
// of the pattern starts at the first of these starts over the verbs ahead.
//
// verbHead finds that start backwards: the reversed pattern (see reversed),
// matched longest from the verb, reaches back to it; it is run by a
// deterministic automaton (see longest), which reads each rune once. When
// one verb is ahead the match ends with it, and (A|B)T$ matched forward
// from the start gives the group; with more, the whole pattern matched
// forward from the start says which verb ends the match. Each alternative
// has its own pair of patterns, the forward one of fewer than 500
// instructions, so that the regexp package runs its backtracker on it, not
// its NFA; the alternative starting first wins, and A at the same start, as
// in (A|B).
type verbHead struct {
	heads func() []head         // one per alternative, in the pattern's order
	whole func() *regexp.Regexp // ^(?:pattern)
	// needs, when set, holds for each head a test of the text before a
	// verb that its matches pass, or nil: a head whose test fails is not
	// run (see holdsRoleNoun).
	needs []func(string) bool
}

// A head is one alternative X of the pattern with T: X T$ and its reverse.
type head struct {
	forward  *regexp.Regexp // ^(?:(X)T$)
	backward *longest       // the reverse of (X)T$, from ^
}

// lazyHeads compiles, on first use, the heads of the alternatives alts,
// each followed by tail.
func lazyHeads(tail string, alts ...string) func() []head {
	return sync.OnceValue(func() []head {
		var hs []head
		for _, a := range alts {
			expr := `(` + a + `)` + tail + `$`
			back := mustLongest(reversed(mustParse(expr))) // anchored: $ reversed is ^
			hs = append(hs, head{regexp.MustCompile(`^(?:` + expr + `)`), back})
		}
		return hs
	})
}

func mustParse(expr string) *syntax.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	return re
}

// find finds the matches of the pattern in the window w of text, as
// FindAllStringSubmatchIndex would over the window. From where the search
// stands, each speech verb after it is given the first start of a match
// ending with it, found backwards; the first of these starts is the match's.
// With one verb left the match ends with it, and its head gives the group;
// with more, the whole pattern, matched forward from that start, says with
// which verb the match ends. The search goes on after the match. find
// returns false when the window is not UTF-8 (read backwards, a byte of a
// broken rune would not be the rune the pattern reads), and the caller then
// runs the pattern over it.
func (v verbHead) find(text string, runs []Span, w Span) ([][]int, bool) {
	if !utf8.ValidString(text[w.Start:w.End]) {
		return nil, false
	}
	var verbs []Span
	for _, r := range runs {
		if r.Start >= w.Start && r.End <= w.End && speechVerbs[text[r.Start:r.End]] {
			verbs = append(verbs, r)
		}
	}
	var out [][]int
	for pos := w.Start; ; {
		start, at, end := -1, -1, Span{} // the first start, its head and verb
		left := 0                        // verbs after pos
		for _, verb := range verbs {
			if verb.Start <= pos {
				continue
			}
			left++
			for i, h := range v.heads() {
				if i < len(v.needs) && v.needs[i] != nil && !v.needs[i](text[pos:verb.Start]) {
					continue
				}
				if e := h.backward.endBack(text[pos:verb.Start]); e >= 0 && (start < 0 || verb.Start-e < start) {
					start, at, end = verb.Start-e, i, verb
				}
			}
		}
		if start < 0 {
			return out, true
		}
		var m []int
		if left == 1 {
			if g := v.heads()[at].forward.FindStringSubmatchIndex(text[start:end.Start]); g != nil {
				m = []int{start, end.End, start + g[2], start + g[3]}
			}
		} else if m = v.whole().FindStringSubmatchIndex(text[start:w.End]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
		}
		if m == nil {
			// A match starts here (the backward pattern says so), so this
			// cannot be; should it be, the caller runs the pattern itself.
			return nil, false
		}
		out = append(out, m)
		pos = m[1]
	}
}

// reversed returns a pattern matching the reverse of what re matches:
// concatenations and literals are read backwards, and the beginning and end
// of the text (or line) swap; word boundaries read the same both ways.
func reversed(re *syntax.Regexp) *syntax.Regexp {
	r := *re
	r.Sub = nil
	for _, s := range re.Sub {
		r.Sub = append(r.Sub, reversed(s))
	}
	switch re.Op {
	case syntax.OpLiteral:
		r.Rune = slices.Clone(re.Rune)
		slices.Reverse(r.Rune)
	case syntax.OpConcat:
		slices.Reverse(r.Sub)
	case syntax.OpBeginLine:
		r.Op = syntax.OpEndLine
	case syntax.OpEndLine:
		r.Op = syntax.OpBeginLine
	case syntax.OpBeginText:
		r.Op = syntax.OpEndText
	case syntax.OpEndText:
		r.Op = syntax.OpBeginText
	}
	return &r
}
