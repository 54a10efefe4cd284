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
	if len(paras) < 2*shiftWindow {
		return nil
	}
	// The windows slide one paragraph at a time, so each step adds and
	// removes one paragraph's counts instead of summing the windows again.
	// Counts are small integers, exact in float64, so the sums are the same.
	before, after := map[string]float64{}, map[string]float64{}
	for _, p := range paras[:shiftWindow] {
		add(before, p.words, 1)
	}
	for _, p := range paras[shiftWindow : 2*shiftWindow] {
		add(after, p.words, 1)
	}
	for g := shiftWindow; ; g++ {
		if cosine(before, after) < shiftThreshold {
			shifts = append(shifts, paras[g].n)
		}
		if g+shiftWindow >= len(paras) {
			break
		}
		add(before, paras[g].words, 1)
		add(before, paras[g-shiftWindow].words, -1)
		add(after, paras[g].words, -1)
		add(after, paras[g+shiftWindow].words, 1)
	}
	return shifts
}

// add adds sign × from into into, dropping words whose count falls to zero.
func add(into, from map[string]float64, sign float64) {
	for w, c := range from {
		if v := into[w] + sign*c; v != 0 {
			into[w] = v
		} else {
			delete(into, w)
		}
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
