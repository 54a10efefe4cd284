// Package extract finds facts in source text that curated pages may use:
// numbers (with their scale, in digits or words), and, for new seeds, the
// mentions, dates, figures, names and quotations a curator should review.
package extract

import (
	"math"
	"strconv"
	"strings"
)

// Number is a quantity found in text.
type Number struct {
	Value float64
	Text  string // as written, e.g. "1.5 million", "2,414", "nine"
	Start int    // byte offset in the text
}

var (
	digitNumber = lazyRegexp(`(?i)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(million|billion|trillion|thousand|mn|bn|m\b|k\b))?`)
	// "a million", "one thousand": a scale word with an article (the number-word pattern above already reads "a dozen" and "one hundred").
	aScale     = lazyRegexp(`(?i)\b(a|one)\s+(thousand|million|billion)\b`)
	wordNumber = lazyRegexp(`(?i)\b(?:(a|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(dozen|` + numberWords + `)(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?(?:\s+(hundred|thousand|million|billion))?\b`)
)

const numberWords = `zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred`

var wordValues = map[string]float64{
	"zero": 0, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

var (
	digitNumberFinder = finder{re: digitNumber, fold: true, windows: digitWindows}
	// A number in words holds a number word, perhaps with the word before
	// it and two after it ("two dozen", "twenty-five thousand"); "a
	// million" holds its scale word.
	wordNumberFinder = finder{re: wordNumber, fold: true, windows: around(isNumberWord, 1, 2)}
	aScaleFinder     = finder{re: aScale, fold: true, windows: around(foldIn("thousand", "million", "billion"), 1, 0)}
)

// digitWindows returns the windows that hold a number in digits: a run of
// digits, commas and periods holding a digit, the spaces after it and the
// word after them, the scale ("1.5 million", "45m").
func digitWindows(s string, _ []Span) []Span {
	var out []Span
	isNum := func(b byte) bool { return '0' <= b && b <= '9' || b == ',' || b == '.' }
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		start := i
		for start > 0 && isNum(s[start-1]) {
			start--
		}
		for i < len(s) && isNum(s[i]) {
			i++
		}
		// the scale may hold digits that start a number of their own, so
		// the scan goes on from the end of the digits
		e := i
		for e < len(s) && strings.IndexByte(" \t\n\v\f\r", s[e]) >= 0 {
			e++
		}
		for e < len(s) && isWordByte(s[e]) {
			e++
		}
		out = append(out, Span{start, e})
	}
	return out
}

// isNumberWord reports whether a word is one wordNumber reads as a base, in any case.
var isNumberWord = foldIn(append(strings.Split(numberWords, "|"), "dozen")...)

var scales = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}

// Numbers returns every quantity in s, in order: digits with thousands
// separators, decimals and a scale word ("1.5 million" = 1500000), and
// numbers spelt out ("nine", "twenty-five", "two dozen", "three hundred").
func Numbers(s string) []Number { return numbersIn(s, wordRuns(s)) }

// numbersIn is Numbers of s, whose word runs are runs.
func numbersIn(s string, runs []Span) []Number {
	var out []Number
	digits, words, scaled := digitNumberFinder.find(s, runs), wordNumberFinder.find(s, runs), aScaleFinder.find(s, runs)
	for _, m := range digits {
		intPart := strings.ReplaceAll(s[m[2]:m[3]], ",", "")
		frac := ""
		if m[4] >= 0 {
			frac = s[m[4]:m[5]]
		}
		v, err := strconv.ParseFloat(intPart+frac, 64)
		if err != nil {
			continue
		}
		if m[6] >= 0 {
			v *= scales[strings.ToLower(s[m[6]:m[7]])]
		}
		out = append(out, Number{Value: round(v), Text: s[m[0]:m[1]], Start: m[0]})
	}
	for _, m := range words {
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return strings.ToLower(s[m[2*i]:m[2*i+1]])
		}
		mult, base, unit, scale := group(1), group(2), group(3), group(4)
		if base == "hundred" && mult == "" {
			continue // "hundreds of" is not a number
		}
		v := wordValues[base] + wordValues[unit]
		if mult != "" {
			if base == "dozen" || base == "hundred" {
				v = wordValues[mult] * wordValues[base]
			} else {
				// "a twenty" is not a number phrase; keep the base alone.
				m[0] = m[4]
			}
		}
		if scale != "" {
			v *= scales[scale]
			if scale == "hundred" {
				v = (wordValues[base] + wordValues[unit]) * 100
			}
		}
		if base == "a" {
			continue
		}
		out = append(out, Number{Value: v, Text: s[m[0]:m[1]], Start: m[0]})
	}
	for _, m := range scaled {
		word := strings.ToLower(s[m[4]:m[5]])
		v := wordValues[word]
		if v == 0 {
			v = scales[word]
		}
		out = append(out, Number{Value: v, Text: s[m[0]:m[1]], Start: m[0]})
	}
	return out
}

// Contains reports whether s states the value v, in any of the forms Numbers reads.
func Contains(s string, v float64) bool {
	for _, n := range Numbers(s) {
		if n.Value == round(v) {
			return true
		}
	}
	return false
}

// round removes floating-point noise such as 1.5*1e6 = 1500000.0000000002.
func round(v float64) float64 { return math.Round(v*1e6) / 1e6 }
