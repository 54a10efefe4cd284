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
// match at every byte of a window.
//
// A window that holds one speech verb standing as a word ends with it, and
// every match in it ends with that verb: a match ends with a speech verb
// after white space and before a word boundary, so with a whole word. There
// is then at most one match, the one that starts first, and what precedes
// the verb is a match of (A|B)T$ over the window up to the verb, taking the
// same path through the pattern.
//
// verbHead finds that match in two short runs. The reversed pattern (see
// reversed), matched longest from the verb backwards, reaches the first
// start; the pattern matched forward from there gives the group. Each
// alternative has its own pair of patterns, of fewer than 500 instructions,
// so that the regexp package runs its backtracker on them, not its NFA. The
// alternative starting first wins, and A at the same start, as in (A|B).
type verbHead struct {
	heads func() []head // one per alternative, in the pattern's order
}

// A head is one alternative X of the pattern with T: X T$ and its reverse.
type head struct {
	forward  *regexp.Regexp // ^(?:(X)T$)
	backward *regexp.Regexp // the reverse of (X)T$, from ^, longest
}

// lazyHeads compiles, on first use, the heads of the alternatives alts,
// each followed by tail.
func lazyHeads(tail string, alts ...string) func() []head {
	return sync.OnceValue(func() []head {
		var hs []head
		for _, a := range alts {
			expr := `(` + a + `)` + tail + `$`
			back := regexp.MustCompile(`^(?:` + reversed(mustParse(expr)).String() + `)`)
			back.Longest()
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

// find finds the matches of the pattern in the window w of text, when w
// holds one speech verb and ends with it; it returns false otherwise, or
// when the text before the verb is not UTF-8 (its runes could not be
// reversed in place).
func (v verbHead) find(text string, runs []Span, w Span) ([][]int, bool) {
	verbs, verb := 0, Span{}
	for _, r := range runs {
		if r.Start >= w.Start && r.End <= w.End && speechVerbs[text[r.Start:r.End]] {
			verbs, verb = verbs+1, r
		}
	}
	before := text[w.Start:verb.Start]
	if verbs != 1 || verb.End != w.End || !utf8.ValidString(before) {
		return nil, false
	}
	back := reverseRunes(before)
	start, at := -1, -1 // the first start, and the head it is of
	for i, h := range v.heads() {
		if m := h.backward.FindStringIndex(back); m != nil && (start < 0 || len(before)-m[1] < start) {
			start, at = len(before)-m[1], i
		}
	}
	if start < 0 {
		return nil, true
	}
	m := v.heads()[at].forward.FindStringSubmatchIndex(before[start:])
	return [][]int{{w.Start + start, verb.End, w.Start + start + m[2], w.Start + start + m[3]}}, true
}

// reverseRunes returns s with its runes in reverse order.
func reverseRunes(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
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
