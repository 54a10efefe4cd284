package extract

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/date"
)

// Span is a sentence's byte range in its paragraph.
type Span struct{ Start, End int }

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true, "maj": true,
	"capt": true, "sgt": true, "st": true, "no": true, "vs": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "inc": true, "ltd": true, "co": true, "corp": true, "govt": true, "prof": true, "rev": true,
	"u.s": true, "u.n": true, "u.k": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true,
}

// Sentences splits a paragraph into sentences: a sentence ends at ".", "!"
// or "?" (and any closing quotes or brackets after it) followed by white
// space and a capital letter, digit or opening quote, unless the period ends
// an abbreviation ("Oct.", "Mr.", "U.S.") or an initial ("A.S.").
func Sentences(text string) []Span {
	var out []Span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]`, r) {
				break
			}
			end += size
		}
		if end >= len(text) || text[end] != ' ' {
			continue
		}
		next := strings.TrimLeft(text[end:], " ")
		r, _ := utf8.DecodeRuneInString(next)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'(`, r)) {
			continue
		}
		if c == '.' && endsAbbreviation(text[start:i]) {
			continue
		}
		out = append(out, Span{start, end})
		start = end + (len(text[end:]) - len(next))
		i = start - 1
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, Span{start, len(text)})
	}
	return out
}

// endsAbbreviation reports whether the word before a period is an
// abbreviation or a single capital initial.
func endsAbbreviation(before string) bool {
	j := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	w := before[j+1:]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	// "A.S" of "A.S." and "U.S" of "U.S."
	if len(w) >= 3 && w[len(w)-2] == '.' {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

// paragraph is one paragraph as the extractors read it, with what several
// of them need found once: its sentences and the speakers of each.
type paragraph struct {
	text  string
	sents []Span
	split bool
	said  []said // the speakers of the sentences asked for
	runs  []Span // wordRuns(text), once asked for
	ran   bool
	// pooled, when set, is where the runs are made (see release).
	pooled *[]Span
}

// words are the paragraph's word runs (wordRuns), found once for its dates
// and its figures.
func (p *paragraph) words() []Span {
	if !p.ran {
		var buf []Span
		if p.pooled != nil {
			buf = *p.pooled
		}
		p.runs, p.ran = wordRunsInto(buf, p.text), true
	}
	return p.runs
}

// runBuffers holds the word runs of paragraphs done with (see Facts).
var runBuffers sync.Pool // of *[]Span

// release gives the paragraph's word runs to the next paragraph; nothing
// Facts returns refers to them.
func (p *paragraph) release() {
	if p.pooled != nil {
		if cap(p.runs) > cap(*p.pooled) {
			*p.pooled = p.runs[:0]
		}
		runBuffers.Put(p.pooled)
	}
}

func newParagraph(text string) *paragraph { return &paragraph{text: text} }

func (p *paragraph) sentences() []Span {
	if !p.split {
		p.sents, p.split = Sentences(p.text), true
	}
	return p.sents
}

// speakers are the speakers of the sentence at s.
func (p *paragraph) speakers(s Span) []speaker {
	for _, sd := range p.said {
		if sd.sentence == s {
			return sd.speakers
		}
	}
	ss := speakers(p.text[s.Start:s.End], runsIn(p.words(), s))
	p.said = append(p.said, said{s, ss})
	return ss
}

// said is a sentence of a paragraph with its speakers. A paragraph has a
// few sentences: a list is searched faster than a map is made.
type said struct {
	sentence Span
	speakers []speaker
}

// runsIn gives the word runs of the text at s from runs, those of the whole
// text: the runs inside s, one cut by an end of s cut there, all counted
// from s.Start. (A run is a maximal run of word bytes; cut by s, what is
// left inside s is a maximal run of the text at s.)
func runsIn(runs []Span, s Span) []Span {
	if s.Start >= s.End {
		return nil
	}
	i := sort.Search(len(runs), func(i int) bool { return runs[i].End > s.Start })
	j := i + sort.Search(len(runs)-i, func(k int) bool { return runs[i+k].Start >= s.End })
	if i == j {
		return nil
	}
	out := make([]Span, j-i)
	for k, r := range runs[i:j] {
		out[k] = Span{max(r.Start, s.Start) - s.Start, min(r.End, s.End) - s.Start}
	}
	return out
}

// Facts returns what Dates, Figures and Quotes return for one paragraph,
// doing once what they share: the sentences, the speakers of a sentence,
// and the dates (whose spans Figures leaves out).
func Facts(text string, published date.Date) ([]DateMention, []Figure, []Quote) {
	p := newParagraph(text)
	p.pooled, _ = runBuffers.Get().(*[]Span)
	if p.pooled == nil {
		p.pooled = new([]Span)
	}
	defer p.release()
	dates := p.dates(published)
	return dates, p.figures(func() []Span { return spansOf(dates) }), p.quotes()
}

// SentenceAt returns the sentence of text holding byte offset at.
func SentenceAt(text string, at int) string {
	s := spanAt(Sentences(text), at, len(text))
	return strings.TrimSpace(text[s.Start:s.End])
}

// spanAt finds the sentence holding offset at among sorted spans, or the
// whole text.
func spanAt(spans []Span, at, n int) Span {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > at })
	if i < len(spans) && spans[i].Start <= at {
		return spans[i]
	}
	return Span{0, n}
}
