package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/date"
)

// TestFactsIsDatesFiguresQuotes checks that Facts, which shares work
// between the three extractors, returns what each returns on its own, over
// the generated corpus and the real seeds, with and without a publication date.
func TestFactsIsDatesFiguresQuotes(t *testing.T) {
	lines := corpusLines(t)
	seeds, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	require.NotEmpty(t, lines)
	for _, pub := range []date.Date{{}, date.MustParse("2025-10-15")} {
		for _, l := range lines {
			dates, figures, quotes := Facts(l, pub)
			assert.Equal(t, Dates(l, pub), dates, "dates of %q", l)
			assert.Equal(t, Figures(l), figures, "figures of %q", l)
			assert.Equal(t, Quotes(l), quotes, "quotes of %q", l)
		}
	}
}
