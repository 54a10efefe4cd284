// Package units knows the units a dossier's measures are counted in: their
// dimension, how to convert between units of one dimension, and how to
// write a value for readers.
//
// A unit is named by its symbol or by a common spelling of it (see Lookup):
//
//	dimension  units
//	count      count (people, persons, number)
//	percent    percent (%, per cent, percentage points)
//	length     km (kilometres, kilometers), mi (miles), m (metres, meters)
//	area       km2 (square kilometres), sqmi (square miles)
//	duration   minute, hour, day, week, year (and their plurals)
//	money      any ISO 4217 currency code (USD, EUR, INR, …) and the
//	           unambiguous names "US dollars", "US$", "euros", "€", "£"; each
//	           currency is a dimension of its own (no exchange rates)
//	magnitude  magnitude (an earthquake's)
//
// Conversions are exact definitions (1 mi = 1.609344 km; 1 year = 365.25 days).
package units

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Unit is one unit of measurement.
type Unit struct {
	Symbol    string  // canonical name: "km", "mi", "count", "USD"
	Dimension string  // "length", "count", "money:USD", …
	Factor    float64 // value in the dimension's base unit of one of this unit
	Singular  string  // how readers see it after a value of 1: "kilometre"
	Plural    string  // after other values: "kilometres"; "" for counts and percents
}

type def struct {
	Unit
	aliases []string
}

var defs = []def{
	{Unit{"count", "count", 1, "", ""}, []string{"people", "persons", "number", "numbers"}},
	{Unit{"percent", "percent", 1, "percent", "percent"}, []string{"%", "per cent", "percentage", "percentage points"}},
	{Unit{"km", "length", 1000, "kilometre", "kilometres"}, []string{"kilometre", "kilometres", "kilometer", "kilometers"}},
	{Unit{"mi", "length", 1609.344, "mile", "miles"}, []string{"mile", "miles"}},
	{Unit{"m", "length", 1, "metre", "metres"}, []string{"metre", "metres", "meter", "meters"}},
	{Unit{"km2", "area", 1e6, "square kilometre", "square kilometres"}, []string{"square kilometre", "square kilometres", "sq km"}},
	{Unit{"sqmi", "area", 2589988.110336, "square mile", "square miles"}, []string{"square mile", "square miles", "sq mi"}},
	{Unit{"minute", "duration", 60, "minute", "minutes"}, []string{"minutes", "min"}},
	{Unit{"hour", "duration", 3600, "hour", "hours"}, []string{"hours", "h"}},
	{Unit{"day", "duration", 86400, "day", "days"}, []string{"days"}},
	{Unit{"week", "duration", 7 * 86400, "week", "weeks"}, []string{"weeks"}},
	{Unit{"year", "duration", 365.25 * 86400, "year", "years"}, []string{"years"}},
	{Unit{"magnitude", "magnitude", 1, "", ""}, []string{"richter"}},
}

// currencyNames are spellings of currencies that name one currency only
// (a bare "dollars" or "rupees" could be several).
var currencyNames = map[string]string{
	"us dollars": "USD", "us$": "USD", "euros": "EUR", "€": "EUR", "£": "GBP",
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

var byName = func() map[string]Unit {
	m := map[string]Unit{}
	for _, d := range defs {
		m[strings.ToLower(d.Symbol)] = d.Unit
		for _, a := range d.aliases {
			m[strings.ToLower(a)] = d.Unit
		}
	}
	return m
}()

// Lookup finds a unit by its symbol or a common spelling, ignoring case.
func Lookup(name string) (Unit, error) {
	n := strings.TrimSpace(name)
	if u, ok := byName[strings.ToLower(n)]; ok {
		return u, nil
	}
	code := n
	if c, ok := currencyNames[strings.ToLower(n)]; ok {
		code = c
	}
	if currencyCode.MatchString(code) {
		return Unit{Symbol: code, Dimension: "money:" + code, Factor: 1, Singular: code, Plural: code}, nil
	}
	return Unit{}, fmt.Errorf("unknown unit %q; use one of %s, or an ISO 4217 currency code such as USD", name, strings.Join(Symbols(), ", "))
}

// Symbols lists the canonical unit names, sorted.
func Symbols() []string {
	var out []string
	for _, d := range defs {
		out = append(out, d.Symbol)
	}
	sort.Strings(out)
	return out
}

// Convert converts v from unit from to unit to; both must share a dimension.
func Convert(v float64, from, to Unit) (float64, error) {
	if from.Dimension != to.Dimension {
		return 0, fmt.Errorf("%s (%s) cannot be converted to %s (%s)", from.Symbol, dimensionName(from), to.Symbol, dimensionName(to))
	}
	if from.Symbol == to.Symbol {
		return v, nil
	}
	return v * from.Factor / to.Factor, nil
}

func dimensionName(u Unit) string {
	if strings.HasPrefix(u.Dimension, "money:") {
		return "money in " + strings.TrimPrefix(u.Dimension, "money:")
	}
	return u.Dimension
}

// Label is the unit as readers see it after the value v: "kilometres",
// "mile", "percent", "" for a count.
func (u Unit) Label(v float64) string {
	if v == 1 {
		return u.Singular
	}
	return u.Plural
}
