package source

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/text"
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
	size := 0 // bytes of the paragraphs compared
	for _, l := range lines {
		if l.IsContent() && len(l.Text) >= 80 {
			size += len(l.Text)
		}
	}
	// the seed's words, numbered; made about the size its distinct words
	// need (about one in 16 bytes of text), so that it rarely grows
	ids := make(map[string]int32, size/16)
	type para struct {
		n     int
		words []wordCount
	}
	var paras []para
	for _, l := range lines {
		if !l.IsContent() || len(l.Text) < 80 {
			continue
		}
		paras = append(paras, para{l.N, countWords(l.Text, ids)})
	}
	var shifts []int
	if len(paras) < 2*shiftWindow {
		return nil
	}
	// The windows slide one paragraph at a time, so each step adds and
	// removes one paragraph's counts instead of summing the windows again.
	// Counts are small integers, exact in float64, so the sums are the same.
	before, after := make([]float64, len(ids)), make([]float64, len(ids))
	add := func(into []float64, p para, sign float64) {
		for _, w := range p.words {
			into[w.id] += sign * w.n
		}
	}
	for _, p := range paras[:shiftWindow] {
		add(before, p, 1)
	}
	for _, p := range paras[shiftWindow : 2*shiftWindow] {
		add(after, p, 1)
	}
	for g := shiftWindow; ; g++ {
		if cosine(before, after) < shiftThreshold {
			shifts = append(shifts, paras[g].n)
		}
		if g+shiftWindow >= len(paras) {
			break
		}
		add(before, paras[g], 1)
		add(before, paras[g-shiftWindow], -1)
		add(after, paras[g], -1)
		add(after, paras[g+shiftWindow], 1)
	}
	return shifts
}

// wordCount is how often the word numbered id occurs in a paragraph.
type wordCount struct {
	id int32
	n  float64
}

// countWords counts the content words of a paragraph, lower-cased, without
// the commonest English function words, numbering new words in ids (below
// len(ids); a function word met is kept there as -1, so that a word seen
// before is looked up once). A word is a run of letters of the paragraph
// lower-cased rune by rune (as strings.ToLower does), built in a buffer so
// that only a new word is copied, and not even that when the paragraph
// has it lower-cased already: the key is then the paragraph's own bytes.
func countWords(s string, ids map[string]int32) []wordCount {
	var seen []int32
	var buf [64]byte
	word := buf[:0]
	start, same := 0, true // where the word starts in s; whether s has it as it is
	end := func() {
		if len(word) >= 4 {
			id, ok := ids[string(word)]
			if !ok {
				id = int32(len(ids))
				if stopWords[string(word)] {
					id = -1
				}
				if same {
					ids[s[start:start+len(word)]] = id
				} else {
					ids[string(word)] = id
				}
			}
			if id >= 0 {
				seen = append(seen, id)
			}
		}
		word, same = word[:0], true
	}
	for i, r := range s {
		if len(word) == 0 {
			start = i
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
				same = false
			}
			if 'a' <= r && r <= 'z' {
				word = append(word, byte(r))
				continue
			}
		} else if lower := unicode.ToLower(r); unicode.IsLetter(lower) {
			same = same && lower == r
			word = utf8.AppendRune(word, lower)
			continue
		}
		end()
	}
	end()
	return tally(seen)
}

// tally counts the word numbers of a paragraph, in the order of the numbers.
func tally(seen []int32) []wordCount {
	slices.Sort(seen)
	distinct := 0
	for i, id := range seen {
		if i == 0 || seen[i-1] != id {
			distinct++
		}
	}
	if distinct == 0 {
		return nil
	}
	out := make([]wordCount, 0, distinct)
	for i, id := range seen {
		if i > 0 && seen[i-1] == id {
			out[len(out)-1].n++
			continue
		}
		out = append(out, wordCount{id, 1})
	}
	return out
}

// cosine is the cosine similarity of two word counts, 1 when either is empty.
// The sums are of small integers, exact in any order.
func cosine(a, b []float64) float64 {
	var dot, na, nb float64
	for i, x := range a {
		y := b[i]
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 1
	}
	return dot / math.Sqrt(na*nb)
}

var stopWords = text.WordSet(`that with from have this were been their they said also which would about after there when more than into over other some what will could while these those them then only such said says according added including against between during under since where because however being does like just very even most many much while amid both each before told year years`)
