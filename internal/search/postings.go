package search

import (
	"math"
	"strings"
)

// alphabet writes six bits per character. Its characters need no escaping
// in JSON or JavaScript, so posting lists travel as plain strings.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// The weight of a term in a document is BM25F: per field, the term
// frequency normalised by the field's length against the segment's average
// and multiplied by the field's weight; the sum saturates as s/(k1+s). It is
// stored quantised to 1..maxWeight, one character; engine.js multiplies it
// by the term's idf, which it computes from the document frequencies of all
// segments, so a segment's files do not depend on the others.
const (
	k1        = 1.2
	maxWeight = 63
	headSize  = 64 // exact weights kept beside a bitmap: enough for a page of results
)

// field is a part of a document. Titles and keywords weigh more than text.
// A term's flags in the dictionary have bit 1<<field set for each field it
// occurs in; engine.js prefers completions that occur in titles or keywords
// (names) over words of body text.
type field int

const (
	fieldTitle field = iota
	fieldKeywords
	fieldText
	numFields
)

var (
	fieldWeight = [numFields]float64{5, 3, 1}
	fieldB      = [numFields]float64{0.5, 0.5, 0.75} // how much length matters, per field
)

// posting is one document containing a term, with the term's frequency in
// each field and, once computed, its quantised weight.
type posting struct {
	doc    int32
	tf     [numFields]uint16
	weight byte
}

// weigh sets the quantised BM25F weight of p in a document of the given
// field lengths, avg being the segment's average lengths.
func (p *posting) weigh(lens, avg [numFields]float64) {
	s := 0.0
	for f := range numFields {
		if p.tf[f] == 0 {
			continue
		}
		norm := 1 - fieldB[f] + fieldB[f]*lens[f]/avg[f]
		s += fieldWeight[f] * float64(p.tf[f]) / norm
	}
	w := math.Round(maxWeight * s / (k1 + s))
	p.weight = byte(min(maxWeight, max(1, w)))
}

// appendVarint writes v in groups of five bits, low first; the sixth bit of
// a character says another follows.
func appendVarint(b *strings.Builder, v int) {
	for v >= 32 {
		b.WriteByte(alphabet[32|v&31])
		v >>= 5
	}
	b.WriteByte(alphabet[v])
}

// appendPairs writes postings (in document order) as pairs of the gap to the
// previous document minus one and the weight.
func appendPairs(b *strings.Builder, ps []posting) {
	prev := int32(-1)
	for _, p := range ps {
		appendVarint(b, int(p.doc-prev-1))
		b.WriteByte(alphabet[p.weight])
		prev = p.doc
	}
}

// encodePostings writes a term's postings in the shorter of two forms:
//
//	L<pairs>                       a list: every document with its weight
//	B<w><n><n bitmap chars><pairs> a bitmap of the documents (bit j of
//	                               character i is document 6i+j), with the
//	                               headSize heaviest postings as pairs and w,
//	                               the median weight of the others
//
// A bitmap costs a sixth of a byte per document of the segment, so a term in
// a large share of them (after stop words, "said" in news) stays small.
// Its lighter postings lose their exact weights; such a term's idf is low
// anyway, and the head keeps the ranking of a one-word query exact.
func encodePostings(ps []posting, docs int) string {
	var list strings.Builder
	list.WriteByte('L')
	appendPairs(&list, ps)
	last := int(ps[len(ps)-1].doc)
	if len(ps) <= headSize || last/6+3*headSize >= list.Len() {
		return list.String()
	}
	// The head: the heaviest postings, earlier documents first among equals.
	var count [maxWeight + 1]int
	for _, p := range ps {
		count[p.weight]++
	}
	cut, above := maxWeight, 0 // postings of weight cut join the head while room is left
	for above+count[cut] < headSize {
		above += count[cut]
		cut--
	}
	room := headSize - above
	head := make([]posting, 0, headSize)
	for _, p := range ps {
		if p.weight > byte(cut) || p.weight == byte(cut) && room > 0 {
			if p.weight == byte(cut) {
				room--
			}
			head = append(head, p)
		}
	}
	count[cut] -= headSize - above
	for w := cut + 1; w <= maxWeight; w++ {
		count[w] = 0
	}
	median, seen := 0, 0
	for seen <= (len(ps)-headSize)/2 {
		seen += count[median]
		median++
	}
	median--

	bits := make([]byte, last/6+1)
	for _, p := range ps {
		bits[p.doc/6] |= 1 << (p.doc % 6)
	}
	var b strings.Builder
	b.WriteByte('B')
	b.WriteByte(alphabet[median])
	appendVarint(&b, len(bits))
	for _, v := range bits {
		b.WriteByte(alphabet[v])
	}
	appendPairs(&b, head)
	if b.Len() >= list.Len() {
		return list.String()
	}
	return b.String()
}
