package source

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/corpusgen"
)

// topicShiftsByWindows is the direct definition topicShifts computes with
// sliding sums of numbered words: each window's words counted in a map,
// afresh at every gap.
func topicShiftsByWindows(lines []Line) []int {
	var paras []map[string]float64
	var ns []int
	for _, l := range lines {
		if l.IsContent() && len(l.Text) >= 80 {
			paras = append(paras, bagOfWords(l.Text))
			ns = append(ns, l.N)
		}
	}
	var shifts []int
	for g := shiftWindow; g <= len(paras)-shiftWindow; g++ {
		before, after := map[string]float64{}, map[string]float64{}
		for _, p := range paras[g-shiftWindow : g] {
			add(before, p, 1)
		}
		for _, p := range paras[g : g+shiftWindow] {
			add(after, p, 1)
		}
		if cosineOf(before, after) < shiftThreshold {
			shifts = append(shifts, ns[g])
		}
	}
	return shifts
}

// bagOfWords counts the content words of a paragraph, lower-cased, without
// the commonest English function words.
func bagOfWords(s string) map[string]float64 {
	m := map[string]float64{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 4 || stopWords[w] {
			continue
		}
		m[w]++
	}
	return m
}

func add(into, from map[string]float64, sign float64) {
	for w, c := range from {
		into[w] += sign * c
	}
}

func cosineOf(a, b map[string]float64) float64 {
	var dot, na, nb float64
	for w, x := range a {
		dot += x * b[w]
		na += x * x
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 1
	}
	return dot / math.Sqrt(na*nb)
}

func TestTopicShiftsSlidingEqualsWindows(t *testing.T) {
	files, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	seeds := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		seeds[f] = string(b)
	}
	generated, _, err := corpusgen.Generate(corpusgen.Options{Seeds: 40, Random: 3})
	require.NoError(t, err)
	for p, text := range generated {
		if strings.HasSuffix(p, ".txt") {
			seeds[p] = text
		}
	}
	for f, text := range seeds {
		texts := strings.Split(text, "\n")
		for _, n := range []int{len(texts), 12, 8, 3} { // whole seeds and short prefixes
			lines := make([]Line, min(n, len(texts)))
			for i := range lines {
				lines[i] = Line{N: i + 1, Text: texts[i]}
			}
			assert.Equal(t, topicShiftsByWindows(lines), topicShifts(lines), "topic shifts of the first %d lines of %s", n, f)
		}
	}
}

// countWordsSlowly is countWords over strings.ToLower and strings.FieldsFunc.
func countWordsSlowly(s string, ids map[string]int32) []wordCount {
	var seen []int32
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 4 || stopWords[w] {
			continue
		}
		id, ok := ids[w]
		if !ok {
			id = int32(len(ids))
			ids[w] = id
		}
		seen = append(seen, id)
	}
	return tally(seen)
}

// TestCountWordsLowersRuneByRune holds countWords to strings.ToLower and
// strings.FieldsFunc over paragraphs of mixed case, scripts, letters that
// lower-case to other lengths ("İ", "K") and bytes that are not UTF-8.
func TestCountWordsLowersRuneByRune(t *testing.T) {
	pieces := []string{"The", "BORDER", "border", "Torkham", "crossing", "İSTANBUL", "Kelvin", "ΣΟΦΙΑ", "Straße",
		"naïve", "ſtate", "Ⓐbcd", "there", "which", "a", "1,200", "x", " ", " ", ", ", ".", "-", "’s", "\xff", "\xe2\x80",
		"قندهار", "ДОНБАСС", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"}
	rng := rand.New(rand.NewPCG(5, 6))
	// Ten paragraphs a seed, as a seed's paragraphs share its numbering.
	for range 300 {
		ids, want := map[string]int32{}, map[string]int32{}
		for range 10 {
			var b strings.Builder
			for range 1 + rng.IntN(20) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			s := b.String()
			require.Equal(t, bag(countWordsSlowly(s, want), want), bag(countWords(s, ids), ids), "words of %q", s)
		}
		// The words are numbered apart, below len(ids), and the function
		// words are kept as -1.
		numbers := map[int32]bool{}
		for w, id := range ids {
			if _, ok := want[w]; !ok {
				require.True(t, stopWords[w] || len(w) < 4, "%q is numbered (%d) but no content word", w, id)
				require.Equal(t, int32(-1), id, "function word %q", w)
				continue
			}
			require.False(t, numbers[id], "%q has the number of another word", w)
			require.Less(t, id, int32(len(ids)), "%q", w)
			numbers[id] = true
		}
		require.Len(t, numbers, len(want))
	}
}

// bag names the words of counts, numbered in ids.
func bag(counts []wordCount, ids map[string]int32) map[string]float64 {
	names := map[int32]string{}
	for w, id := range ids {
		names[id] = w
	}
	out := map[string]float64{}
	for _, c := range counts {
		out[names[c.id]] = c.n
	}
	return out
}

// BenchmarkTopicShifts finds the topic shifts of the real seeds and of a
// generated corpus of as many.
func BenchmarkTopicShifts(b *testing.B) {
	files, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(b, err)
	generated, _, err := corpusgen.Generate(corpusgen.Options{Seeds: len(files), Random: 3})
	require.NoError(b, err)
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(b, err)
		texts = append(texts, string(data))
	}
	for p, text := range generated {
		if strings.HasSuffix(p, ".txt") {
			texts = append(texts, text)
		}
	}
	var seeds [][]Line
	for _, text := range texts {
		lines := strings.Split(text, "\n")
		ls := make([]Line, len(lines))
		for i := range ls {
			ls[i] = Line{N: i + 1, Text: lines[i]}
		}
		seeds = append(seeds, ls)
	}
	for b.Loop() {
		for _, ls := range seeds {
			topicShifts(ls)
		}
	}
}
