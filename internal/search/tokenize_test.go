package search

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// tokenizeCases are shared with TestEngineTokenizerAgrees, which checks that
// engine.js splits them the same way.
var tokenizeCases = []struct {
	in      string
	partial bool
	want    []string
}{
	{"Zabihullah Mujahid", false, []string{"zabihullah", "mujahid"}},
	{"Zabīhullāh MUJĀHID", false, []string{"zabihullah", "mujahid"}},
	{"Ḩaqqānī, Ṭālibān; Peshāwar…", false, []string{"haqqani", "taliban", "peshawar"}},
	{"İstanbul ĞÜÇ", false, []string{"istanbul", "guc"}},
	{"ΣΊΣΥΦΟΣ", false, []string{"σισυφοσ"}},
	{"Pakistan's Mazar-i-Sharif", false, []string{"pakistan", "s", "mazar", "i", "sharif"}},
	{"killed 2,414 people", false, []string{"killed", "2414", "people"}},
	{"2414 and 2,414,000 and 2,414.5", false, []string{"2414", "and", "2414000", "and", "2414.5"}},
	{"a magnitude 6.3 earthquake", false, []string{"a", "magnitude", "6.3", "earthquake"}},
	{"rose to 2,414. Then 3,", false, []string{"rose", "to", "2414", "then", "3"}},
	{"1,5 and 12,3456", false, []string{"1", "5", "and", "12", "3456"}},
	{"22km at 12:59am", false, []string{"22km", "at", "12", "59am"}},
	{"the 1.5 million", false, []string{"the", "1.5", "million"}},
	{"ver.2 v2.5", false, []string{"ver", "2", "v2", "5"}},
	{"x²", false, []string{"x²"}},
	{"كابل، افغانستان", false, []string{"كابل", "افغانستان"}},
	{"ﬁne Ⅻ", false, []string{"ﬁne", "ⅻ"}},
	{strings.Repeat("a", 40) + " " + strings.Repeat("b", 41) + " c", false, []string{strings.Repeat("a", 40), "c"}},
	{"𝐀𝐁 rare", false, []string{"𝐀𝐁", "rare"}},
	{"2,41", true, []string{"241"}},
	{"2,41", false, []string{"2", "41"}},
	{"2,414,0", true, []string{"24140"}},
	{"Mujah", true, []string{"mujah"}},
	{"", false, nil},
	{" ,.;- ", false, nil},
}

func TestTokenize(t *testing.T) {
	for _, c := range tokenizeCases {
		var got []string
		tokenize(c.in, c.partial, func(term []byte) { got = append(got, string(term)) })
		assert.Equal(t, c.want, got, "tokenize(%q, partial=%v)", c.in, c.partial)
	}
}

func TestTermsDropStopWords(t *testing.T) {
	assert.Equal(t, []string{"pakistan", "said", "talks", "doha", "us"}, terms("Pakistan said that the talks in Doha were with the US"))
}

func TestNaturalOrder(t *testing.T) {
	got := []string{"1000", "999", "010", "10", "a2", "a10", "b", "099", "100"}
	sort.Slice(got, func(i, j int) bool { return naturalLess(got[i], got[j]) })
	assert.Equal(t, []string{"10", "010", "099", "100", "999", "1000", "a2", "a10", "b"}, got)
}

func TestJSLessIsUTF16Order(t *testing.T) {
	// U+FF21 (Ａ) is one UTF-16 unit, 0xFF21; U+1D400 (𝐀) starts with the
	// surrogate 0xD835, so JavaScript sorts 𝐀 first, unlike Go's <.
	assert.True(t, jsLess("𝐀", "Ａ"), "𝐀 < Ａ in UTF-16 order")
	assert.False(t, jsLess("Ａ", "𝐀"), "Ａ > 𝐀 in UTF-16 order")
	assert.True(t, jsLess("ab", "abc"), "a prefix sorts first")
	assert.True(t, jsLess("𝐀", "𝐁"), "two supplementary characters")
}

func TestSegmentSpans(t *testing.T) {
	sizes := func(n int) []int {
		var out []int
		at := 0
		for _, s := range segmentSpans(n) {
			assert.Equal(t, at, s.start, "segments of %d groups are contiguous", n)
			out = append(out, s.end-s.start)
			at = s.end
		}
		assert.Equal(t, n, at, "segments of %d groups cover them all", n)
		return out
	}
	assert.Empty(t, sizes(0))
	assert.Equal(t, []int{1, 1, 1}, sizes(3))
	assert.Equal(t, []int{4}, sizes(4))
	assert.Equal(t, []int{4096, 256, 256, 256, 64, 64, 4, 4}, sizes(5000))
	assert.Equal(t, []int{4096, 256, 256, 256, 64, 64, 4, 4, 1}, sizes(5001))
	assert.Equal(t, []int{4096, 4096, 1024, 1024, 16}, sizes(10256))
}
