package markdown

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDropSpaceBeforePunct compares the one-pass loop with the regular
// expression that defines it, on hand-picked strings and on every string
// of up to six characters from a small alphabet.
func TestDropSpaceBeforePunct(t *testing.T) {
	def := regexp.MustCompile(`[ \t]+([.,;:!?)])`)
	check := func(s string) {
		t.Helper()
		assert.Equal(t, def.ReplaceAllString(s, "$1"), dropSpaceBeforePunct(s), "%q", s)
	}
	for _, s := range []string{"", " ", "2025 .", "in 2025 \t , then", "a ) b", "end  ", "x.", "a  b ! c?", "“quoted” ."} {
		check(s)
	}
	alphabet := []byte{' ', '\t', '.', ')', 'a', ','}
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		check(string(prefix))
		if len(prefix) == 6 {
			return
		}
		for _, c := range alphabet {
			walk(append(prefix, c))
		}
	}
	walk(nil)
}

// TestQuotedAsThePattern checks the scanner of quotations against the
// pattern it stands for, on texts made of the characters that matter.
func TestQuotedAsThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`"([^"]+)"|“([^”]+)”`)
	parts := []string{`"`, "“", "”", "a", " ", "\n", "é", "{", "}"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		text := b.String()
		var want []string
		for _, m := range pattern.FindAllStringSubmatch(text, -1) {
			want = append(want, m[1]+m[2])
		}
		require.Equal(t, want, quoted(text), "text %d: %q", n, text)
	}
}
