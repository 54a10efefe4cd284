package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countriesJSON is a world-countries file of n countries with the given
// English demonyms first, then made-up ones.
func countriesJSON(t *testing.T, n int, first ...string) []byte {
	t.Helper()
	type dem struct{ F, M string }
	var cs []map[string]map[string]dem
	for i := range n {
		d := fmt.Sprintf("Demonym%03d", i)
		if i < len(first) {
			d = first[i]
		}
		cs = append(cs, map[string]map[string]dem{"demonyms": {"eng": {F: d, M: d}, "fra": {F: "x", M: "y"}}})
	}
	b, err := json.Marshal(cs)
	require.NoError(t, err)
	return b
}

func TestDemonymLines(t *testing.T) {
	got, err := demonymLines(countriesJSON(t, 160, "Antiguan, Barbudan", "Kittitian or Nevisian", "Chilean", "Chilean"))
	require.NoError(t, err)
	for _, d := range []string{"Antiguan", "Barbudan", "Kittitian", "Nevisian", "Chilean"} {
		assert.Contains(t, got, d, "demonym %q, split from its entry", d)
	}
	assert.Len(t, got, 156+5, "each demonym once")
	assert.IsIncreasing(t, got, "sorted")

	_, err = demonymLines(countriesJSON(t, 10))
	assert.ErrorContains(t, err, "layout changed", "too few demonyms is a changed source, not a short list")
}

func TestCurrencyLines(t *testing.T) {
	names := map[string]map[string]string{}
	region := map[string][]map[string]map[string]string{}
	for i := range 120 {
		code := fmt.Sprintf("C%02d", i)
		names[code] = map[string]string{"displayName-count-one": "Test dollar", "displayName-count-other": "Test dollars", "symbol": "T$"}
		region[fmt.Sprintf("R%d", i)] = []map[string]map[string]string{{code: {"_from": "2000-01-01"}}, {"OLD": {"_to": "1999-12-31"}}}
	}
	names["OLD"] = map[string]string{"displayName-count-one": "old", "displayName-count-other": "olds"}
	doc := func(locale string, cs map[string]map[string]string) []byte {
		b, err := json.Marshal(map[string]any{"main": map[string]any{locale: map[string]any{"numbers": map[string]any{"currencies": cs}}}})
		require.NoError(t, err)
		return b
	}
	supp, err := json.Marshal(map[string]any{"supplemental": map[string]any{"currencyData": map[string]any{"region": region}}})
	require.NoError(t, err)
	got, err := currencyLines(doc("en", names), doc("en-001", map[string]map[string]string{"C00": {"symbol": "TT$"}}), supp)
	require.NoError(t, err)
	assert.Len(t, got, 120, "only currencies in use: not OLD")
	assert.Equal(t, "C00\tTest dollar\tTest dollars\tT$\tTT$\t-\t-", got[0], "code, names, symbols; - when none")
}
