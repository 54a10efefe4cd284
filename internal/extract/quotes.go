package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is a quotation in a paragraph and who the paragraph says spoke it.
type Quote struct {
	Text    string // the words between the quote marks
	Start   int    // byte offset of the opening mark
	Speaker string // as written ("Ruiz", "Chile’s army"); "" when the paragraph does not say
	Words   int
}

var quoteSpan = lazyRegexp(`“([^”]+)”|"([^"]+)"`)

// attributed speech right after a quotation: `,” he added`, `,” said Ruiz`
var afterQuote = lazyRegexp(`^[,.!?]?\s*(?:(he|she|they|it|we)\s+(?:` + speechVerb + `|continued)|(?:` + speechVerb + `)\s+(` + commonNP + `|(?:the\s+)?` + properNP + `)|(` + commonNP + `|(?:the\s+)?` + properNP + `)\s+(?:` + speechVerb + `))\b`)

// attributionAfter is afterQuote().FindStringSubmatch(after). Every match
// holds a speech verb or "continued" as a word (between \b's), so text
// holding none is not given to the pattern, which is costly to run and
// most often fails.
func attributionAfter(after string) []string {
	for i := 0; i < len(after); {
		if !isWordByte(after[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(after) && isWordByte(after[j]) {
			j++
		}
		if w := after[i:j]; speechVerbs[w] || w == "continued" {
			return afterQuote().FindStringSubmatch(after)
		}
		i = j
	}
	return nil
}

// Quotes finds the quotations in a paragraph with their speakers. The speaker
// is taken from the words next to the quotation ("…,” Ruiz said"), from
// the speech verb before it ("Ruiz said: “…”"), or from an "according to"
// in the same sentence; a pronoun ("he added") continues the previous
// quotation's speaker in the paragraph.
func Quotes(text string) []Quote { return newParagraph(text).quotes() }

func (p *paragraph) quotes() []Quote {
	text := p.text
	var out []Quote
	prev := ""
	for _, m := range quoteSpans(text) {
		var inner string
		if m[2] >= 0 {
			inner = text[m[2]:m[3]]
		} else {
			inner = text[m[4]:m[5]]
		}
		q := Quote{Text: strings.TrimRight(strings.TrimSpace(inner), ","), Start: m[0], Words: countFields(inner)}
		if a := attributionAfter(text[m[1]:min(len(text), m[1]+200)]); a != nil {
			switch {
			case a[1] != "":
				q.Speaker = prev
			case a[2] != "":
				q.Speaker = a[2]
			default:
				q.Speaker = a[3]
			}
		}
		if q.Speaker == "" {
			// the sentence's own attribution, nearest to the quotation
			sent := spanAt(p.sentences(), m[0], len(text))
			q.Speaker = nearestSpeakerOutside(p.speakers(sent), m[0]-sent.Start, m[1]-sent.Start)
		}
		if q.Speaker == "" && prev != "" {
			// a later quotation in the same paragraph, with no speaker of
			// its own, continues the last one named
			q.Speaker = prev
		}
		q.Speaker = trimArticle(strings.TrimSpace(q.Speaker))
		if q.Speaker != "" {
			prev = q.Speaker
		}
		out = append(out, q)
	}
	return out
}

// quoteSpans is quoteSpan().FindAllStringSubmatchIndex(text, -1) by a byte
// scan: from each opening mark, left to right, to the next closing one, when
// there is text between them. (Neither mark's bytes occur inside another
// rune, so the scan sees the runes the pattern does.)
func quoteSpans(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		// The first mark of either kind; strings.IndexAny would decode
		// every rune to compare it with the curly one.
		j := strings.IndexByte(text[i:], '"')
		if k := strings.Index(text[i:], "“"); k >= 0 && (j < 0 || k < j) {
			j = k
		}
		if j < 0 {
			break
		}
		i += j
		if text[i] == '"' {
			if k := strings.IndexByte(text[i+1:], '"'); k > 0 {
				out = append(out, []int{i, i + 1 + k + 1, -1, -1, i + 1, i + 1 + k})
				i += 1 + k + 1
				continue
			}
			i++
			continue
		}
		open := len("“")
		if k := strings.Index(text[i+open:], "”"); k > 0 {
			end := i + open + k
			out = append(out, []int{i, end + len("”"), i + open, end, -1, -1})
			i = end + len("”")
			continue
		}
		i += open
	}
	return out
}

// nearestSpeakerOutside is nearest ignoring the speakers of a sentence
// inside the quotation at [qs,qe).
func nearestSpeakerOutside(ss []speaker, qs, qe int) string {
	best, dist := "", -1
	for _, s := range ss {
		if s.Start >= qs && s.End <= qe {
			continue
		}
		d := s.Start - qe
		if s.End <= qs {
			d = qs - s.End
		}
		if d < 0 {
			d = 0
		}
		if dist < 0 || d < dist {
			best, dist = s.Text, d
		}
	}
	return best
}

// trimArticle drops a leading "the" before a proper name: "the UNICEF" → "UNICEF".
func trimArticle(s string) string {
	for _, lead := range []string{"the ", "The "} {
		if rest, ok := strings.CutPrefix(s, lead); ok {
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) {
				return rest
			}
		}
	}
	return s
}

// countFields is len(strings.Fields(s)), without making the fields.
func countFields(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}
