package text

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  b\n c", 10, "a  b\n c"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"abcdefghijklmnop", 5, "abcde…"},
		{"ééééé ééééé", 7, "ééééé…"},
		{"ééé", 3, "ééé"},
		{"éééé", 3, "ééé…"},
		{"abc", 0, "…"},
		{"", 0, ""},
	} {
		assert.Equal(t, tt.want, Shorten(tt.in, tt.n), tt.in)
	}
}

// TestShortenCountsCharacters checks Shorten, which walks the string, against
// the plain way of counting characters: converting it to runes.
func TestShortenCountsCharacters(t *testing.T) {
	viaRunes := func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		cut := string(r[:n])
		if i := strings.LastIndex(cut, " "); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	for _, s := range []string{"", " ", "a b", "Kabul’s “talks” resumed — Doha, Istanbul", "ابن سينا و الفارابي", "𝔸 𝔹 ℂ d e f", strings.Repeat("word ", 50)} {
		for n := range 40 {
			assert.Equal(t, viaRunes(s, n), Shorten(s, n), "%q, %d", s, n)
		}
	}
}

func TestCount(t *testing.T) {
	assert.Equal(t, "0 errors", Count(0, "error"))
	assert.Equal(t, "1 error", Count(1, "error"))
	assert.Equal(t, "12 sources", Count(12, "source"))
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct {
		in    string
		words int
		want  string
	}{
		{"Khawaja Asif", 0, "khawaja-asif"},
		{"Türkiye’s Foreign Ministry", 0, "turkiyes-foreign-ministry"},
		{"  Doha -- talks!  ", 0, "doha-talks"},
		{"one two three four", 2, "one-two"},
		{"Ayman al-Zawahiri", 0, "ayman-al-zawahiri"},
	} {
		assert.Equal(t, tt.want, Slug(tt.in, tt.words), tt.in)
	}
}

func TestUpperFirst(t *testing.T) {
	assert.Equal(t, "Éléments", UpperFirst("éléments"))
	assert.Equal(t, "", UpperFirst(""))
	assert.Equal(t, "Km of border", UpperFirst("km of border"))
}

func TestOneLine(t *testing.T) {
	assert.Equal(t, "a b c", OneLine("  a  b\n\tc "))
}

// TestOneLineAsFields checks the one-pass OneLine against joining
// strings.Fields, on texts made of words, kinds of white space and bytes
// that are not UTF-8.
func TestOneLineAsFields(t *testing.T) {
	parts := []string{"a", "é", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\xff", "b c"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		require.Equal(t, strings.Join(strings.Fields(s), " "), OneLine(s), "text %d: %q", n, s)
	}
}
