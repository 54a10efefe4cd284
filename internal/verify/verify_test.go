package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVerbatim(t *testing.T) {
	line := []string{`Khawaja Asif told Geo News that the “talks are over,” adding that Pakistan’s   delegation had returned.`}
	tests := []struct {
		quote string
		want  bool
	}{
		{"talks are over,", true},
		{"talks are over", true},
		{`Pakistan's delegation had returned`, true}, // curly apostrophe in the source
		{"Pakistan’s\ndelegation", true},             // white space folded
		{"talks are … had returned", true},           // elision, parts in order
		{"talks are [...] had returned", true},
		{"had returned … talks are over", false}, // parts out of order
		{"talks were over", false},
		{"Talks are over", false}, // case matters: a quotation is verbatim
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Verbatim(line, tt.quote), "Verbatim(%q)", tt.quote)
	}
}
