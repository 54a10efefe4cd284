package source

import (
	"math"
	"strings"
	"unicode"
)

// Topic-shift detection compares the vocabulary of the paragraphs before and
// after each gap (a simplified TextTiling). It only has to catch the case the
// other signals miss: two articles pasted together with no header between.
const (
	shiftWindow    = 4    // paragraphs on each side
	shiftThreshold = 0.04 // cosine similarity below which a gap is a boundary
)

// topicShifts returns the line numbers where a new topic starts.
func topicShifts(lines []Line) []int {
	type para struct {
		n     int
		words map[string]float64
	}
	var paras []para
	for _, l := range lines {
		if !l.IsContent() || len(l.Text) < 80 {
			continue
		}
		paras = append(paras, para{l.N, bagOfWords(l.Text)})
	}
	var shifts []int
	for g := shiftWindow; g <= len(paras)-shiftWindow; g++ {
		before, after := map[string]float64{}, map[string]float64{}
		for _, p := range paras[g-shiftWindow : g] {
			add(before, p.words)
		}
		for _, p := range paras[g : g+shiftWindow] {
			add(after, p.words)
		}
		if cosine(before, after) < shiftThreshold {
			shifts = append(shifts, paras[g].n)
		}
	}
	return shifts
}

func add(into, from map[string]float64) {
	for w, c := range from {
		into[w] += c
	}
}

func cosine(a, b map[string]float64) float64 {
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

var stopWords = wordSet(`that with from have this were been their they said also which would about after there when more than into over other some what will could while these those them then only such said says according added including against between during under since where because however being does like just very even most many much while amid both each before told year years`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
