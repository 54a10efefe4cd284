package markdown

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
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
