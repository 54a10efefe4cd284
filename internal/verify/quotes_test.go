package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuotedSpans(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
	}{
		{`He said “talks are over” and left.`, []string{"talks are over"}},
		{`“Pakistan had demanded that terrorists be arrested," it continued.`, []string{"Pakistan had demanded that terrorists be arrested,"}},
		{`Mujahid said “both sides reaffirm their commitment`, []string{"both sides reaffirm their commitment"}},
		{`to peace,” he said.`, []string{"to peace,"}},
		{`Islamabad warns of ‘open war’ if deal fails; Pakistan’s army said so.`, []string{"open war"}},
		{`No quotation in Pakistan’s statement, the farmers’ union said.`, nil},
		{`Asif: "first" and "second".`, []string{"first", "second"}},
	} {
		assert.Equal(t, tt.want, quotedSpans(tt.line), "line %q", tt.line)
	}
}

func TestQuotationRules(t *testing.T) {
	lines := []string{
		`Refugee Allah Meer fears families like his are caught in the middle, becoming diplomatic pawns.`,
		`“The Afghan government refuses to acknowledge their existence on their soil,” Durrani said, calling the TTP the central issue.`,
	}
	for _, tt := range []struct {
		quote            string
		verbatim, quoted bool
	}{
		{"diplomatic pawns", true, false},
		{"the central issue", true, false},
		{"refuses to acknowledge their existence", true, true},
		{"The Afghan government … on their soil", true, true},
		{"refuses to recognise their existence", false, false},
		{"calling the TTP the central issue", true, false},
	} {
		assert.Equal(t, tt.verbatim, Verbatim(lines, tt.quote), "verbatim %q", tt.quote)
		assert.Equal(t, tt.quoted, Quoted(lines, tt.quote), "quoted %q", tt.quote)
	}
}
