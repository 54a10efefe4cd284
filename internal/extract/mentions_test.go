package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/source"
)

// TestMentionsReadCaptionsNotNavigation checks which lines count: the
// article's text and its photo captions, never navigation.
func TestMentionsReadCaptionsNotNavigation(t *testing.T) {
	text := "Clashes near Chaman went on.\n" +
		"Share\n" +
		"A family waits at the Chaman crossing [Jane Doe/Reuters]\n" +
		"Related Articles\n"
	seed, problems := source.Parse("000", "000_0000000000000000.txt", []byte(text))
	require.Empty(t, problems)
	l, ok := seed.Line(3)
	require.True(t, ok)
	require.Equal(t, source.Caption, l.Boilerplate, "line 3 is a caption")

	got := NewMatcher([]Name{{Text: "Chaman", Key: "chaman"}, {Text: "Related Articles", Key: "nav"}}).Mentions(source.NewCorpus([]*source.Seed{seed}))
	assert.Equal(t, []source.Ref{{Seed: "000", First: 1, Last: 1}, {Seed: "000", First: 3, Last: 3}}, got["chaman"], "the text and the caption mention Chaman")
	assert.Empty(t, got["nav"], "navigation lines are not read")
}

// findSlowly is Matcher.Find by trying every name at every byte.
func findSlowly(names []Name, text string) []Match {
	var cands []Match
	seen := map[string]bool{}
	for _, n := range names {
		t := strings.TrimSpace(n.Text)
		if utf8.RuneCountInString(t) < 2 || seen[t] {
			continue
		}
		seen[t] = true
		for i := 0; i+len(t) <= len(text); i++ {
			if strings.HasPrefix(text[i:], t) && wordEdge(text, i, i+len(t)) {
				cands = append(cands, Match{Start: i, End: i + len(t), Key: n.Key})
			}
		}
	}
	return leftmostLongest(cands)
}

// TestMatcherFindsWhatEveryNameFinds compares Find with trying every name
// at every byte, over texts made of pieces of the names (overlapping names,
// names inside names, a name's prefix that fails over to another's) and
// other characters, ASCII and not, and over the golden texts. Names start
// with capitals, but also with a lower-case letter, a digit, a mark or a
// letter of several bytes: Find skips from the root to the next byte that
// starts a name.
func TestMatcherFindsWhatEveryNameFinds(t *testing.T) {
	names := append([]Name{
		{"Ana Ruiz", "ruiz"}, {"General Ana Ruiz", "ruiz"}, {"Ruiz", "ruiz"}, {"Anar", "anar"},
		{"Ana", "ana"}, {"na R", "odd"}, {"Khyber Pakhtunkhwa", "kp"}, {"Pakhtun", "pakhtun"},
		{"São Tomé", "st"}, {"Tomé", "tome"}, {"aaa", "a3"}, {"aa", "a2"}, {"US", "us"},
		{"al-Qaeda", "al-qaeda"}, {"état major", "etat"}, {"9/11", "nine-eleven"}, {"“Kabul", "kabul-quoted"},
	}, knownNames...)
	m := NewMatcher(names)
	pieces := []string{" ", " ", ", ", ".", "-", "x", "a", "é", "’s", "“", "\n"}
	for _, n := range names {
		pieces = append(pieces, n.Text, n.Text[:len(n.Text)/2], n.Text[len(n.Text)/2:])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		text := randomJoin(rng, pieces, 1, 12)
		require.Equal(t, findSlowly(names, text), m.Find(text), "in %q", text)
	}
	for _, text := range goldenLines(t) {
		require.Equal(t, findSlowly(names, text), m.Find(text), "in %q", text)
	}
}
