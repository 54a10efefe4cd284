package extract

import (
	"testing"

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
