package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/date"
)

// every runs all extractors over a paragraph and checks their offsets.
func every(t *testing.T, text string, known *Matcher) {
	t.Helper()
	for _, d := range Dates(text, date.MustParse("2025-11-09")) {
		assert.True(t, strings.HasPrefix(text[d.Start:], d.Text), "date %q at %d in %q", d.Text, d.Start, text)
	}
	for _, f := range Figures(text) {
		assert.True(t, strings.HasPrefix(text[f.Start:], f.Text), "figure %q at %d in %q", f.Text, f.Start, text)
	}
	for _, n := range Names(text, known) {
		assert.True(t, strings.HasPrefix(text[n.Start:], n.Text), "name %q at %d in %q", n.Text, n.Start, text)
	}
	for _, q := range Quotes(text) {
		assert.Less(t, q.Start, len(text), "quote start in %q", text)
	}
	for _, m := range known.Find(text) {
		assert.True(t, m.Start < m.End && m.End <= len(text), "match %v in %q", m, text)
	}
}

// TestEverySeedLine runs every extractor over every line of the real seeds.
func TestEverySeedLine(t *testing.T) {
	files, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	known := NewMatcher(knownNames)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, l := range strings.Split(string(b), "\n") {
			every(t, l, known)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.text)
	}
	f.Add("“unclosed quote, said X")
	f.Add("\"\"“”")
	f.Add("October 32, 2025 and February 30")
	known := NewMatcher(knownNames)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		every(t, s, known)
	})
}
