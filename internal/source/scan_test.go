package source

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// lineMaker makes lines at random from pieces: words, white space of every
// kind strings.Fields knows, dashes and colons, and bytes that are not UTF-8.
func lineMaker(seed uint64) func() string {
	pieces := []string{
		"ISLAMABAD", "Islamabad", "Pakistan", "Kabul", "U.S.", "KABUL", "Dar", "al-Mansour", "the", "said", "on", "é", "Éric",
		" ", "  ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u2003", "\u3000", "\u200b",
		"–", "—", "-", ":", ",", ".", " – ", " - ", ": ", "\xff", "\xe2\x80",
	}
	rng := rand.New(rand.NewPCG(seed, seed+1))
	return func() string {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
}

// TestNormalizeSpaceIsFieldsJoined: a line with nothing to fold comes back
// as it is, any other as strings.Fields and strings.Join make it.
func TestNormalizeSpaceIsFieldsJoined(t *testing.T) {
	next := lineMaker(7)
	kept := 0
	for range 50000 {
		s := next()
		want := strings.Join(strings.Fields(s), " ")
		if !assert.Equal(t, want, normalizeSpace(s), "%q", s) {
			return
		}
		if spacedOnce(s) {
			kept++
		}
	}
	assert.Greater(t, kept, 1000, "many lines have nothing to fold")
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\u00a0b", "a\u0085b", "a\xffb", "a \xff b"} {
		assert.Equal(t, strings.Join(strings.Fields(s), " "), normalizeSpace(s), "%q", s)
	}
}

// TestIsDatelineIsThePattern: skipping the lines without a dash between
// spaces or a colon and a space changes no answer of the pattern.
func TestIsDatelineIsThePattern(t *testing.T) {
	next := lineMaker(9)
	found := 0
	for range 50000 {
		s := strings.TrimSpace(next())
		want := dateline().MatchString(s)
		if !assert.Equal(t, want, isDateline(s), "%q", s) {
			return
		}
		if want {
			found++
		}
	}
	assert.Greater(t, found, 100, "the lines made hold datelines")
	for _, s := range []string{"Islamabad, Pakistan – After", "ISLAMABAD: The", "KABUL — x", "Kabul - x", "Kabul -x", "Kabul:x", "Kabul –x"} {
		assert.Equal(t, dateline().MatchString(s), isDateline(s), "%q", s)
	}
}
