package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLexiconLoads reads the embedded word lists and checks they cover the
// world, not one region: countries and peoples of every continent, and
// currencies by code, symbol and noun.
func TestLexiconLoads(t *testing.T) {
	l, err := loadLexicon(lexiconFiles)
	require.NoError(t, err)
	for _, p := range []string{"Chile", "Kenya", "Japan", "Norway", "Fiji", "United States", "South Africa", "Saudi Arabia",
		"US", "U.S.", "UK", "UN", "Türkiye", "Turkiye", "Turkey", "Chilean", "Kenyan", "Swiss", "South Korean", "Saudi"} {
		assert.True(t, l.places[p], "place %q", p)
	}
	for _, d := range []string{"Chilean", "Kenyan", "Japanese", "Swiss", "Dutch", "Thai"} {
		assert.True(t, l.demonyms[d], "demonym %q", d)
		assert.True(t, l.adjectives[strings.ToLower(d)], "adjective %q", strings.ToLower(d))
	}
	for _, w := range []string{"Chile", "Djibouti", "US", "Minister"} {
		assert.False(t, l.demonyms[w], "%q is no demonym: a name may end with it", w)
	}
	for sym, unit := range map[string]string{"$": "US dollars", "US$": "US dollars", "€": "euros", "£": "British pounds",
		"¥": "Japanese yen", "CA$": "Canadian dollars", "KES": "Kenyan shillings", "CLP": "Chilean pesos", "Rs": "rupees", "kr": "kr"} {
		assert.Equal(t, unit, l.currencySymbols[sym], "currency symbol %q", sym)
	}
	for _, lone := range []string{"R", "K", "L", "P", "Q"} {
		_, ok := l.currencySymbols[lone]
		assert.False(t, ok, "a lone letter (%q) is no currency symbol", lone)
	}
	for _, n := range []string{"dollars", "euros", "shillings", "pesos", "francs", "dinars"} {
		assert.True(t, l.currencyNouns[n], "currency noun %q", n)
	}
}

// TestNamesOfAnyCountry: a title opened by any country or people, of one
// word or more, or by a known name, is split from the name.
func TestNamesOfAnyCountry(t *testing.T) {
	known := NewMatcher([]Name{{"Hamas", "hamas"}, {"Chile", "chile"}})
	tests := []struct {
		text, name, title, kind string
	}{
		{"Chilean Defence Minister Ana Ruiz said so for talks on the border.", "Ana Ruiz", "Chilean Defence Minister", "person"},
		{"South Korean Prime Minister Kim Min-seok arrived for talks on the border.", "Kim Min-seok", "South Korean Prime Minister", "person"},
		{"United States Secretary of State Jane Doe arrived for talks on the border.", "Jane Doe", "United States Secretary of State", "person"},
		{"Saudi Foreign Minister Faisal Bin Farhan arrived for talks on the border.", "Faisal Bin Farhan", "Saudi Foreign Minister", "person"},
		{"Turkiye Foreign Minister Hakan Fidan arrived for talks on the border.", "Hakan Fidan", "Turkiye Foreign Minister", "person"},
		{"U.S. Envoy John Smith arrived for talks on the border.", "John Smith", "U.S. Envoy", "person"},
		{"Hamas Spokesman Hazem Qassem said so for talks on the border.", "Hazem Qassem", "Hamas Spokesman", "person"},
	}
	for _, tt := range tests {
		ns := Names(tt.text, known)
		require.Len(t, ns, 1, "Names(%q): %+v", tt.text, ns)
		assert.Equal(t, tt.name, ns[0].Name, "name in %q", tt.text)
		assert.Equal(t, tt.title, ns[0].Title, "title in %q", tt.text)
		assert.Equal(t, tt.kind, ns[0].Kind, "kind in %q", tt.text)
	}
	for _, text := range []string{
		"The Kenyan Foreign Ministry said so.",           // a description, not a name
		"Talks with the Norwegian side resumed.",         // a demonym alone
		"The talks ended, said South African officials.", // ends with a demonym
	} {
		assert.Empty(t, Names(text, known), "Names(%q)", text)
	}
}

// TestFiguresInAnyCurrency: an amount's currency is read from any symbol,
// code or plural noun, and a qualifier before the symbol is kept.
func TestFiguresInAnyCurrency(t *testing.T) {
	tests := []struct {
		text, number, unit, qualifier string
	}{
		{"Traders lost more than €45 million.", "45 million", "euros", "more than"},
		{"The fund holds KES 400 million.", "400 million", "Kenyan shillings", ""},
		{"A ticket costs ¥3,000 now.", "3,000", "Japanese yen", ""},
		{"Fuel rose to Rs. 300 a litre.", "300", "rupees", ""},
		{"Exports reached CA$5 billion.", "5 billion", "Canadian dollars", ""},
		{"Each family received 1,000 pesos last week.", "1,000", "pesos", ""},
		{"They lost about £20 million.", "20 million", "British pounds", "about"},
		{"Five Swiss soldiers were hurt.", "Five", "Swiss soldiers", ""},
	}
	for _, tt := range tests {
		fs := Figures(tt.text)
		require.Len(t, fs, 1, "Figures(%q): %+v", tt.text, fs)
		assert.Equal(t, tt.number, fs[0].Text, "number in %q", tt.text)
		assert.Equal(t, tt.unit, fs[0].Unit, "unit in %q", tt.text)
		assert.Equal(t, tt.qualifier, fs[0].Qualifier, "qualifier in %q", tt.text)
	}
	// A code must be a word of its own: "XKES" is no currency.
	fs := Figures("Batch XKES 400 units shipped.")
	require.Len(t, fs, 1)
	assert.NotContains(t, fs[0].Unit, "shillings", "XKES 400")
}

// TestNoWordOfOneDossier keeps the extractors general: their code names no
// place, group or currency of one dossier's subject. (The word lists in
// lexicon/ name every country, as they must.)
func TestNoWordOfOneDossier(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	more, err := filepath.Glob("internal/*/*.go")
	require.NoError(t, err)
	regional := regexp.MustCompile(`(?i)pakistan|afghan|taliban|kabul|islamabad|qatar|doha|durand|rupee|khyber`)
	checked := 0
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			assert.False(t, regional.MatchString(line), "%s:%d names one dossier's subject: %s", f, i+1, line)
		}
		checked++
	}
	assert.Greater(t, checked, 10, "the package's source files")
}
