package extract

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A longestCase is a pattern longest takes, parsed as longest is given it,
// and its text, from which the regexp package compiles it.
type longestCase struct {
	expr string
	re   *syntax.Regexp
}

// longestCases are patterns of the forms longest takes: the speaker heads
// reversed, as verbHead makes them (the regexp package compiles their text,
// longest the reversed pattern itself), and small ones that try its corners
// (empty matches, classes, case folding, any rune, ^ not at the start).
func longestCases(t testing.TB) []longestCase {
	t.Helper()
	var cs []longestCase
	for _, alt := range []struct{ x, tail string }{
		{byName, beforeVerb}, {byRole, beforeVerb}, {properNP, appositive},
	} {
		re := reversed(mustParse(`(` + alt.x + `)` + alt.tail + `$`))
		cs = append(cs, longestCase{re.String(), re})
	}
	for _, expr := range []string{
		`^(?:a*)`, `^(?:a|ab|abc)`, `^(?:(?:ab)*a?)`, `^(?:x?y{0,3}?z)`, `^(?i:straße|ſ+)`,
		`^(?:\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}\pL*)*)`, `^(?:[^,“”"]{1,10},)`, `^(?:.*é)`, `^(?:(?s:.)+)`,
		`^(?:a*^b)`, `(?:ab)+`, `^(?:)`, `^(?:\x{fffd}+)`,
	} {
		cs = append(cs, longestCase{expr, mustParse(expr)})
	}
	return cs
}

// TestLongestIsTheRegexpsLongestMatch holds longest.endBack over a text
// to the regexp package's longest match from the start of the text
// reversed, over the golden texts reversed from every word's end (as
// verbHead reads them; from every fourth under -short), made-up texts of the speaker pieces, and texts of a
// few runes in every order; all UTF-8, as verbHead's are.
func TestLongestIsTheRegexpsLongestMatch(t *testing.T) {
	var texts []string
	every := 1
	if testing.Short() {
		every = 4
	}
	for _, line := range goldenLines(t) {
		back := reverseRunes(line)
		words := 0
		for i := range len(back) + 1 {
			if i == 0 || back[i-1] == ' ' {
				if words%every == 0 {
					texts = append(texts, back[i:])
				}
				words++
			}
		}
	}
	rng := rand.New(rand.NewPCG(21, 22))
	pieces := append(slices.Clone(speakerPieces), "a", "b", "ab", "abc", "x", "y", "z", "é", "ß", "ẞ", "S", "ſ", "\n", "\ufffd")
	n := 20000
	if testing.Short() {
		n /= 5
	}
	for range n {
		text := madeUpSentence(rng, pieces, 1, 12, 3)
		texts = append(texts, text, reverseRunes(text))
	}
	matched := 0
	for _, c := range longestCases(t) {
		// longest matches from the start, anchored or not.
		expr := c.expr
		re := regexp.MustCompile(`^(?:` + expr + `)`)
		re.Longest()
		l, err := newLongest(c.re)
		require.NoError(t, err, expr)
		for _, text := range texts {
			if !utf8.ValidString(text) {
				continue // reversed, a broken rune would be U+FFFD, of another width
			}
			want := -1
			if m := re.FindStringIndex(text); m != nil {
				want = m[1]
				matched++
			}
			if !assert.Equal(t, want, l.endBack(reverseRunes(text)), "%s back over %q reversed", expr, text) {
				return
			}
		}
	}
	assert.Greater(t, matched, len(texts), "the patterns match")
}

// TestLongestStartsAgainPastItsBound holds an automaton that has grown
// past maxStates to the same answers, and replaces it at its next use.
func TestLongestStartsAgainPastItsBound(t *testing.T) {
	expr := `^(?:[a-z]{0,30}(?:x[a-z]{12}|y))`
	l := mustLongest(mustParse(expr))
	re := regexp.MustCompile(expr)
	re.Longest()
	rng := rand.New(rand.NewPCG(3, 4))
	states := func() int { // of the one automaton a goroutine leaves
		a := <-l.caches
		l.caches <- a
		return len(a.states)
	}
	for i := 0; ; i++ {
		var b strings.Builder
		for range 40 {
			b.WriteByte("xyabc"[rng.IntN(5)])
		}
		want := -1
		if m := re.FindStringIndex(b.String()); m != nil {
			want = m[1]
		}
		require.Equal(t, want, l.endBack(reverseRunes(b.String())), "over %q reversed", b.String())
		if states() > maxStates {
			break
		}
		require.Less(t, i, 10000, "the texts grow an automaton past its bound")
	}
	assert.Equal(t, 1, l.endBack("y"))
	assert.Less(t, states(), 10, "an automaton past its bound is replaced")
}

// TestLongestRefusesAssertions: \b and $ depend on what follows a rune,
// which a state does not know.
func TestLongestRefusesAssertions(t *testing.T) {
	for _, expr := range []string{`^(?:a\b)`, `^(?:a$)`, `(?m:^a)`, `\Ba`} {
		_, err := newLongest(mustParse(expr))
		assert.Error(t, err, expr)
	}
}

// reverseRunes returns s with its runes in reverse order.
func reverseRunes(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}
