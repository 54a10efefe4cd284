package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/date"
)

// Figure is a quantity a paragraph states, with what it counts and who says so.
type Figure struct {
	Value     float64
	Text      string // as written: "2,414", "1.5 million", "nine"
	Start     int    // byte offset in the paragraph
	Qualifier string // "at least", "more than", … as the dossier's figures use them; "" when none
	Unit      string // what is counted: "soldiers", "percent", "US dollars", "km"
	Speaker   string // the nearest speaker the sentence names ("Chile’s army"), or ""
	Sentence  string
}

// qualifiers are the words before a number that make it a bound or an
// estimate, longest first.
var qualifiers = []string{"more than", "fewer than", "less than", "at least", "up to", "nearly", "almost", "about", "around", "over"}

var (
	// words that end a unit phrase: what follows a number is a noun phrase
	// of up to three words, stopped by function words and verbs.
	unitStop = map[string]bool{
		"and": true, "or": true, "of": true, "in": true, "on": true, "at": true, "to": true, "from": true, "with": true,
		"were": true, "was": true, "are": true, "is": true, "had": true, "have": true, "has": true, "be": true, "been": true,
		"who": true, "that": true, "which": true, "as": true, "for": true, "by": true, "since": true, "after": true,
		"killed": true, "died": true, "injured": true, "wounded": true, "said": true, "the": true, "a": true, "an": true,
		"this": true, "last": true, "more": true, "than": true, "into": true, "across": true, "along": true, "during": true,
		"will": true, "would": true, "could": true, "could've": true, "not": true, "also": true, "but": true, "while": true,
	}
	ordinalSuffix = lazyRegexp(`^(?:st|nd|rd|th)\b`)
	clockTime     = lazyRegexp(`^[:.]\d{2}`)
	percentUnit   = lazyRegexp(`^\s*(?:%|percent\b|per cent\b)`)
	lengthUnit    = lazyRegexp(`^[\s-]*(km|kilometres|kilometers|miles?|metres|meters|hectares|kg|tonnes|tons)\b`)
	// "two days after", "three weeks ago": a time reference, not a figure
	timeAgo = lazyRegexp(`^\s*(?:days?|weeks?|months?|years?|hours?)\s+(?:after|before|ago|later|earlier)\b`)
)

// Figures finds the quantities in a paragraph: numbers in digits or words
// with their unit, qualifier and nearest speaker. It leaves out numbers that
// are parts of dates, years, clock times, ordinals and names ("F-16",
// "COVID-19"), and "one" used as a pronoun.
func Figures(text string) []Figure {
	p := newParagraph(text)
	return p.figures(func() []Span { return spansOf(p.dates(date.Date{})) })
}

// figures finds the figures of the paragraph outside the spans of its
// dates, which dates gives (a date's span does not depend on what it
// resolves to).
func (p *paragraph) figures(dates func() []Span) []Figure {
	text := p.text
	numbers := numbersIn(text, p.words())
	if len(numbers) == 0 {
		return nil
	}
	skip := dates()
	sentences := p.sentences()
	var out []Figure
	for _, n := range dedupe(numbers) {
		end := n.Start + len(n.Text)
		if overlaps(skip, n.Start, end) || notAQuantity(text, n) {
			continue
		}
		f := Figure{Value: n.Value, Text: n.Text, Start: n.Start}
		_, at, _ := lex().currencyBefore(text, n.Start) // "more than $45": the qualifier stands before the symbol
		f.Qualifier = qualifierBefore(text[max(0, at-40):at])
		f.Unit = unitOf(text, n.Start, end)
		sent := spanAt(sentences, n.Start, len(text))
		f.Sentence = strings.TrimSpace(text[sent.Start:sent.End])
		f.Speaker = nearest(p.speakers(sent), n.Start-sent.Start)
		out = append(out, f)
	}
	return out
}

// dedupe drops numbers inside longer ones ("million" inside "1.5 million")
// and sorts them by position.
func dedupe(ns []Number) []Number {
	sort.SliceStable(ns, func(i, j int) bool {
		if ns[i].Start != ns[j].Start {
			return ns[i].Start < ns[j].Start
		}
		return len(ns[i].Text) > len(ns[j].Text)
	})
	var out []Number
	for _, n := range ns {
		if len(out) > 0 {
			last := out[len(out)-1]
			if n.Start < last.Start+len(last.Text) {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// spansOf are the byte ranges of dates and years, whose numbers are not figures.
func spansOf(dates []DateMention) []Span {
	out := make([]Span, len(dates))
	for i, d := range dates {
		out[i] = Span{d.Start, d.Start + len(d.Text)}
	}
	return out
}

func overlaps(spans []Span, s, e int) bool {
	for _, sp := range spans {
		if s < sp.End && e > sp.Start {
			return true
		}
	}
	return false
}

func notAQuantity(text string, n Number) bool {
	end := n.Start + len(n.Text)
	after, before := text[end:min(len(text), end+80)], text[max(0, n.Start-80):n.Start]
	lower := strings.ToLower(n.Text)
	switch {
	case lower == "one" || lower == "zero":
		return true // "one of", "one another": almost never a count worth curating
	case unicode.IsLetter(rune(n.Text[0])) && strings.HasSuffix(strings.ToLower(before), "the "):
		return true // "the two countries": a reference, not a count
	case strings.HasPrefix(after, "-") && len(after) > 1 && unicode.IsLetter(rune(after[1])) && !lengthUnit().MatchString(after):
		return true // "three-quarters", "two-day"
	case ordinalSuffix().MatchString(after), clockTime().MatchString(after):
		return true
	case timeAgo().MatchString(after):
		return true
	case strings.HasSuffix(before, ":"):
		return true // the minutes of 12:59
	case strings.HasSuffix(before, "-") || strings.HasSuffix(before, "#"):
		return true // F-16, COVID-19, #3
	case lastRuneIsLetter(before):
		return true // G20
	case isYear(n, after):
		return true
	case strings.HasPrefix(strings.TrimSpace(after), "am") || strings.HasPrefix(strings.TrimSpace(after), "pm") || strings.HasPrefix(strings.TrimSpace(after), "GMT"):
		return n.Value <= 24 && strings.IndexFunc(after, unicode.IsLetter) <= 1
	}
	return false
}

// firstWord returns the letters that open s after white space: "euros" of
// " euros, or".
func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

func lastRuneIsLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// isYear reports whether a bare four-digit number reads as a year: 1900–2099,
// no thousands separator, and not followed by a plural noun ("2000 troops").
func isYear(n Number, after string) bool {
	if len(n.Text) != 4 || n.Value < 1900 || n.Value > 2099 {
		return false
	}
	w := strings.Fields(after)
	if len(w) > 0 {
		word := strings.Trim(w[0], ",.;:”’)")
		if len(word) > 3 && strings.HasSuffix(word, "s") && !strings.ContainsAny(word, "’'") && strings.ToLower(word) == word {
			return false
		}
	}
	return true
}

func qualifierBefore(before string) string {
	t := strings.ToLower(strings.TrimRight(before, " "))
	for _, q := range qualifiers {
		if strings.HasSuffix(t, " "+q) || t == q {
			return q
		}
	}
	return ""
}

// unitOf reads what a number counts from the words around it.
func unitOf(text string, start, end int) string {
	after := text[end:min(len(text), end+120)]
	switch {
	case percentUnit().MatchString(after):
		return "percent"
	}
	if unit, _, ok := lex().currencyBefore(text, start); ok {
		return unit
	}
	if m := lengthUnit().FindStringSubmatch(after); m != nil {
		return m[1]
	}
	if w := firstWord(after); lex().currencyNouns[w] {
		return w // "45 euros"
	}
	// A range "600,000 to 800,000 Chileans": the unit follows the second number.
	if rest := strings.TrimSpace(after); strings.HasPrefix(rest, "to ") || strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-") {
		for _, n := range Numbers(rest) {
			if n.Start <= 4 {
				return unitOf(rest, n.Start, n.Start+len(n.Text))
			}
		}
	}
	var words []string
	for w := range strings.FieldsSeq(after) {
		clean := strings.TrimRight(w, ",.;:”’)\"'")
		lw := strings.ToLower(clean)
		if clean == "" || unitStop[lw] || strings.IndexFunc(clean, unicode.IsDigit) >= 0 {
			break
		}
		words = append(words, clean)
		if clean != w || len(words) == 3 || strings.HasSuffix(lw, "s") && len(words) >= 1 && !isAdjective(lw) {
			break
		}
	}
	return strings.Join(words, " ")
}

// isAdjective recognises the adjectives that often stand between a number
// and its noun ("five Swiss soldiers"), so the unit reads on.
func isAdjective(w string) bool {
	return lex().adjectives[w] || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ani") || strings.HasSuffix(w, "ish") ||
		w == "other" || w == "more" || w == "civilian" || w == "security" || w == "military"
}
