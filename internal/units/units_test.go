package units

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookup(t *testing.T) {
	for _, tt := range []struct{ name, symbol, dimension string }{
		{"km", "km", "length"},
		{"Miles", "mi", "length"},
		{"people", "count", "count"},
		{"%", "percent", "percent"},
		{"hours", "hour", "duration"},
		{"US dollars", "USD", "money:USD"},
		{"PKR", "PKR", "money:PKR"},
		{"euros", "EUR", "money:EUR"},
	} {
		u, err := Lookup(tt.name)
		if assert.NoError(t, err, tt.name) {
			assert.Equal(t, tt.symbol, u.Symbol, tt.name)
			assert.Equal(t, tt.dimension, u.Dimension, tt.name)
		}
	}
	_, err := Lookup("rupees")
	assert.Error(t, err, "a currency name several countries use is not guessed")
	_, err = Lookup("km of border")
	assert.ErrorContains(t, err, `unknown unit "km of border"; use one of`)
}

func TestConvert(t *testing.T) {
	km, _ := Lookup("km")
	mi, _ := Lookup("mi")
	v, err := Convert(1600, mi, km)
	require.NoError(t, err)
	assert.InDelta(t, 2574.95, v, 0.01, "1,600 miles is about 2,575 km")
	year, _ := Lookup("year")
	day, _ := Lookup("day")
	v, err = Convert(2, year, day)
	require.NoError(t, err)
	assert.Equal(t, 730.5, v)
	count, _ := Lookup("count")
	_, err = Convert(1, km, count)
	assert.ErrorContains(t, err, "km (length) cannot be converted to count (count)")
	usd, _ := Lookup("USD")
	pkr, _ := Lookup("PKR")
	_, err = Convert(1, usd, pkr)
	assert.ErrorContains(t, err, "money in USD", "no exchange rates")
}
