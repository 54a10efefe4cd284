package extract

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// finderCase is a pattern and the faster way this package finds its matches.
type finderCase struct {
	name string
	re   *regexp.Regexp
	find func(text string) [][]int
}

func finderCases() []finderCase {
	var cs []finderCase
	for _, f := range []struct {
		name string
		f    finder
	}{
		{"digitNumber", digitNumberFinder}, {"wordNumber", wordNumberFinder}, {"aScale", aScaleFinder},
		{"weekdayRel", weekdayFinder}, {"relative", relativeFinder}, {"yearAlone", yearFinder}, {"isoDate", isoDateFinder},
		{"speakerAppositive", appositiveFinder}, {"speakerBefore", speakerBeforeFinder},
		{"speakerAccording", speakerAccordingFinder}, {"speakerAfter", speakerAfterFinder},
	} {
		cs = append(cs, finderCase{f.name, f.f.re(), func(text string) [][]int { return f.f.find(text, wordRuns(text)) }})
	}
	return append(cs, finderCase{"quoteSpan", quoteSpan(), quoteSpans})
}

// finderEdges are texts at the edges of the windows the finders search.
var finderEdges = []string{
	"", "5", "5 m2 million", "G20 1,2345.6 k and 3k, 4 K", "12 \t\n thousand", "1.5\u00a0million",
	"ſix hundred", "two ſeven", "thouſand", "a thouſand", "one\tthousand", "a-million", "twenty -  five thousand",
	"TWENTY-FIVE HUNDRED", "hundreds of", "a dozen", "two dozen", "_two", "two_", "2two", "élève two",
	"Monday", "Mondays", "Monday's", "Monday’s night", "Monday'sx", "Monday’s nightly", "Monday nightfall",
	"LAST Monday", "laſt Monday", "last  Monday", "last\tMonday", "xlast Monday", "on Monday on Tuesday",
	"Monday on Tuesday night Friday's evening", "Sunday, October 12", "since Sunday’s",
	"weeK", "this weeK", "yesterday", "Yesterday's", "earlier this week", "earlier  this week", "later this month",
	"the previous week", "The Previous Week", "3 days ago", "2,000 days ago", "ten Days Ago", "today_", "this weekend",
	"3 DAYS Ago", "12 Days ago.", "x3 days ago", "3 days agox", "Earlier This Week", "later this weekend", "this weekend's",
	"in 2025", "In 1999-", "since 2021", "ſince 2021", "mid-2024", "and 20255", "by 19999", "2025-10-09", "x2025-10-09",
	"2025-10-091", "date 2025-11-09.", "12025-10-09",
	"“”", "\"\"", "“a”", "\"a\"", "“a", "\"a", "““a””", "\"“a”\"", "\xe2“x”", "“\xe2\x80”", "a\"b\"c\"d\"",
	"Mujahid said", "said Mujahid.", "officials said", "The army, in a statement, said", "according to officials",
	"ACCORDING TO the UNHCR", "Baheer, the political analyst, said", "“We will,” Asif said, and “we must”, said Dar",
	"Officials (in Kabul) said", "Officials; later said", "officials’ said", "Pakistan’s army said on X",
	"Asif, “quoted”, said", "The ministry, the army, and police said", "it said", "added", "wrote",
	// speakers with as many free words as speakerBefore allows, far into a sentence
	"for weeks the people of the valley heard that its new interim border media wing said",
	"for weeks the people of the valley heard that Pakistan’s new interim media wing Ana Ruiz said",
	"and so on and so forth the old men in the village say that the army has also later said",
	"one two three four five six seven eight nine ten eleven twelve thirteen officials said",
}

func checkFinders(t *testing.T, cs []finderCase, text string) {
	t.Helper()
	for _, c := range cs {
		want := c.re.FindAllStringSubmatchIndex(text, -1)
		if got := c.find(text); !assert.Equal(t, want, got, "%s over %q", c.name, text) {
			return
		}
	}
}

// TestFindersMatchTheirPatterns holds every finder to its pattern run over
// the whole text, over the golden texts and the edges of the windows.
func TestFindersMatchTheirPatterns(t *testing.T) {
	cs := finderCases()
	for _, text := range append(goldenLines(t), finderEdges...) {
		checkFinders(t, cs, text)
	}
}

func FuzzFinders(f *testing.F) {
	for _, s := range finderEdges {
		f.Add(s)
	}
	cs := finderCases()
	f.Fuzz(func(t *testing.T, s string) {
		checkFinders(t, cs, s)
	})
}

// speakerPieces are the words speakers are made of, and what stands between
// them: names, particles, role nouns, speech verbs, auxiliaries, and words
// and marks that break a speaker off.
var speakerPieces = []string{
	"Ana", "Ruiz", "Khawaja", "Asif", "al-Mansour", "U.S.", "Chile’s", "Pakistan's", "O'Neil", "Mazar-i-Sharif", "Ru\xffiz", "\xe2\x80",
	"of", "the", "The", "and", "in", "bin", "de", "a", "an", "its", "their",
	"army", "officials", "official", "spokesman", "media", "wing", "ministry", "sources", "police", "leaders",
	"said", "says", "told", "added", "warned", "denied", "called", "saidx", "unsaid",
	"has", "had", "also", "later", "then", "previously",
	"border", "new", "interim", "on", "Monday", "that", "he", "it", "who", "x", "2025", "él", "Éric", "ſaid",
	",", ", ", " ,", ".", ";", "“", "”", "\"", "(", ")", ":", "-", "’s", "  ", "\t", "\u00a0",
}

// TestAttributionAfterMatchesItsPattern holds attributionAfter to
// afterQuote over the texts after every quotation of the golden texts, the
// edges of the windows and made-up sentences (a fifth of them under
// -short), from every start of a word or mark.
func TestAttributionAfterMatchesItsPattern(t *testing.T) {
	texts := append(goldenLines(t), finderEdges...)
	rng := rand.New(rand.NewPCG(13, 14))
	pieces := append(slices.Clone(speakerPieces), "continued", "Continued", "he", "she", "we", "”,", "”.", ",”", "!”")
	n := 20000
	if testing.Short() {
		n /= 5
	}
	for range n {
		texts = append(texts, madeUpSentence(rng, pieces, 2, 14, 4))
	}
	matched := 0
	for _, text := range texts {
		for i := range len(text) + 1 {
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			after := text[i:min(len(text), i+200)]
			want := afterQuote().FindStringSubmatch(after)
			if !assert.Equal(t, want, attributionAfter(after), "after %q", after) {
				return
			}
			if want != nil {
				matched++
			}
		}
	}
	assert.Positive(t, matched, "some texts name a speaker after a quotation")
}

// TestFindersOverMadeUpSentences holds the finders to their patterns over
// sentences made at random of speakerPieces, which put speakers, verbs and
// the marks around them in every order.
func TestFindersOverMadeUpSentences(t *testing.T) {
	checkMadeUpSentences(t, speakerPieces, 3, 20000, 14, 4)
}

// TestFindersOverLongMadeUpSentences does the same with sentences long
// enough for a speaker to stand more free words back from a verb than a
// match may hold (see speakerReach).
func TestFindersOverLongMadeUpSentences(t *testing.T) {
	checkMadeUpSentences(t, speakerPieces, 11, 5000, 48, 8)
}

// checkMadeUpSentences holds the finders to their patterns over n
// sentences (a fifth of them under -short) made of 2 to words+1 pieces at
// random from the given seed, a space between two pieces but one time in
// spaced.
func checkMadeUpSentences(t *testing.T, pieces []string, seed uint64, n, words, spaced int) {
	cs := finderCases()
	rng := rand.New(rand.NewPCG(seed, seed+1))
	if testing.Short() {
		n /= 5
	}
	for range n {
		checkFinders(t, cs, madeUpSentence(rng, pieces, 2, words, spaced))
	}
}

// madeUpSentence joins least to least+more-1 pieces at random, a space
// between two but one time in spaced.
func madeUpSentence(rng *rand.Rand, pieces []string, least, more, spaced int) string {
	var b strings.Builder
	for i := range least + rng.IntN(more) {
		if i > 0 && rng.IntN(spaced) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// datePieces are the words relative dates and weekdays are made of, in
// several cases, and what stands between them.
var datePieces = []string{
	"Monday", "Tuesday", "Sunday", "monday", "MONDAY", "Mondays", "Sundayx", "xMonday",
	"last", "Last", "LAST", "this", "This", "on", "On", "late", "early", "by", "since", "until", "from", "before", "next", "nextx",
	"night", "nights", "morning", "evening", "afternoon", "Night", "'s", "’s", "'S", "’", "'",
	"yesterday", "Yesterday", "today", "TODAY", "earlier", "later", "Earlier", "week", "Week", "weekend", "weeks",
	"month", "year", "years", "the", "The", "previous", "days", "Days", "day", "ago", "AGO", "agox",
	"2", "10", "365", "1,000", "two", "Two", "three", "ten", "eleven", "x", "_", "é",
	",", ".", "-", "“", "\"", "  ", "\t", "\u00a0", "\xe2\x80",
}

// TestDateFindersOverMadeUpSentences holds the finders to their patterns
// over sentences made at random of datePieces, which put weekdays, the words
// around them and relative dates in every order and case.
func TestDateFindersOverMadeUpSentences(t *testing.T) {
	checkMadeUpSentences(t, datePieces, 5, 30000, 10, 5)
}

// TestASCIIFastPathsAreUnicode holds the ASCII shortcuts of isWordRune and
// capitalised to the unicode package they stand in for.
func TestASCIIFastPathsAreUnicode(t *testing.T) {
	for r := rune(0); r < 0x400; r++ {
		assert.Equal(t, unicode.IsLetter(r) || unicode.IsDigit(r), isWordRune(r), "isWordRune(%q)", r)
		assert.Equal(t, unicode.IsUpper(r), capitalised(string(r)), "capitalised(%q)", r)
	}
}

// TestWordTestsMatchTheirPlainForms holds foldIn, isWeekday and
// isFourDigits, which file words or test their shape before anything else,
// to what they stand for, over words of mixed case and script, "ſ" and the
// Kelvin sign among them, which strings.EqualFold folds to ASCII letters.
func TestWordTestsMatchTheirPlainForms(t *testing.T) {
	words := []string{"six", "Million", "dozen", "week", "weekend", "yesterday", "nineteen", "k"}
	in := foldIn(words...)
	pieces := []string{"s", "S", "ſ", "i", "I", "x", "X", "m", "M", "illion", "ILLION", "k", "\u212a", "week", "WEEK", "end",
		"doz", "en", "EN", "y", "esterday", "nine", "teen", "Mon", "MON", "day", "Day", "Wednes", "Fri", "Satur", "1", "9", "0",
		"٣", "\xff", "é", "@", "[", "`", "{"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 40000 {
		w := randomJoin(rng, pieces, 1, 4)
		plain := false
		for _, x := range words {
			plain = plain || len(w) == len(x) && strings.EqualFold(w, x)
		}
		assert.Equal(t, plain, in(w), "foldIn(%q)", w)
		_, weekday := weekdayIndex[w]
		assert.Equal(t, weekday, isWeekday(w), "isWeekday(%q)", w)
		assert.Equal(t, len(w) == 4 && strings.Trim(w, "0123456789") == "", isFourDigits(w), "isFourDigits(%q)", w)
	}
	for w := range weekdayIndex {
		assert.True(t, isWeekday(w), w)
	}
	for _, w := range append(words, "SIX", "sIx", "DOZEN", "K") {
		assert.True(t, in(w), w)
	}
	assert.True(t, isFourDigits("2025"))
}

// TestRunsInIsWordRunsOfTheSpan holds runsIn, which cuts a paragraph's word
// runs to a sentence, to wordRuns of the sentence's own text, on spans that
// cut words, start and end anywhere, and hold bytes that are not words.
func TestRunsInIsWordRunsOfTheSpan(t *testing.T) {
	pieces := []string{"Kabul", " ", ", ", "said", "1,200", "_x", "’s", "é", "\xff", ".", "  ", "al-Qaeda"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 3000 {
		text := randomJoin(rng, pieces, 0, 11)
		start := rng.IntN(len(text) + 1)
		end := start + rng.IntN(len(text)-start+1)
		assert.Equal(t, wordRuns(text[start:end]), runsIn(wordRuns(text), Span{start, end}), "%q [%d,%d)", text, start, end)
	}
}

// randomJoin joins from least to most pieces picked at random.
func randomJoin(rng *rand.Rand, pieces []string, least, most int) string {
	var b strings.Builder
	for range least + rng.IntN(most-least+1) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// TestASCIIKeyIsLowerFieldsJoined holds asciiKey, Matcher.Known's shortcut
// for ASCII names, to the key it stands for, over names of every ASCII
// byte, runs of white space at either end and between words, and bytes of
// longer runes, which it leaves to the key's plain form.
func TestASCIIKeyIsLowerFieldsJoined(t *testing.T) {
	pieces := []string{"Ana", "RUIZ", "al-", "U.S.", "x", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\x00", "\x1c", "\x7f",
		"@", "[", "`", "{", "Z", "z", "é", "\u0085", "\u00a0", "\xff"}
	for c := range byte(utf8.RuneSelf) {
		pieces = append(pieces, string(rune(c)))
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		name := randomJoin(rng, pieces, 0, 8)
		got, ok := asciiKey(nil, name)
		want := strings.Join(strings.Fields(strings.ToLower(name)), " ")
		if ascii := !strings.ContainsFunc(name, func(r rune) bool { return r >= utf8.RuneSelf }); ascii {
			assert.True(t, ok, "%q is ASCII", name)
			assert.Equal(t, want, string(got), "asciiKey(%q)", name)
		} else {
			assert.False(t, ok, "%q is not ASCII", name)
		}
	}
}
