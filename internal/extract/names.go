package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/text"
)

// NameMention is a proper name in a paragraph that matches no known actor:
// a multi-word capitalised name, a title such as "Deputy Prime Minister", an
// organisation, or an acronym.
type NameMention struct {
	Text  string // as written, title included: "Deputy Interior Minister Ana Ruiz"
	Name  string // the name without its title: "Ana Ruiz"; the title itself when there is no name
	Title string // "Deputy Interior Minister", or ""
	Kind  string // person | organization | title | acronym | place | other
	// Place is, for a place, the kind of place the text suggests
	// (province, district, city, border-crossing, region, site, country),
	// or "" when only its position says it is a place ("in Khost").
	Place string
	Start int // byte offset of Text in the paragraph
}

// word lists that shape name detection
var (
	// leading words that are capitalised only because they start a sentence
	// or are not part of a name
	nameStop = text.WordSet(`The A An In On At But And Or As After Before When While If Since Meanwhile However Both Its His Her
		Their Our We He She They It This That These Those There Here Last Next Some Many Several Other Another
		Also Still Yet So Then Now Today Yesterday Earlier Later According Despite Amid Under Over From With By
		For Of To Into Why What Who How Where Which During Following Although Though Because Instead Unlike Like
		Speaking Asked Meanwhile Separately Mr Mrs Ms Q A: Q: Every Each No Not All Any Neither Nor Such`)
	// words that never end or make a name: days, months, and capitalised common words
	nameNoise = text.WordSet(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
		July August September October November December Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec GMT
		Published Updated Share Follow Recommended Stories Related Articles Read More Short Url Newsflash
		Photo Photograph Cover Source Image File Video Watch Listen Advertisement`)
	// title words: a name's leading run of these is its title
	titleWords = text.WordSet(`President Vice Prime Minister Ministers Deputy Foreign Defence Defense Interior Information
		Finance Commerce Religious Affairs Chief Chiefs General Gen Lieutenant Lt Major Maj Colonel Col Brigadier
		Spokesman Spokesperson Secretary Ambassador Envoy Special Representative Governor Senator Commander
		Director Acting Supreme Leader Maulana Sheikh Dr Justice Judge Chairman Head Army Staff Military
		Security Adviser Advisor National Federal Provincial Caretaker Former Senior Top First Second Chargé
		Affaires Consul Attorney Mayor Mufti Emir Amir State Sardar Intelligence Broadcasting Field Marshal
		Home Planning Trade Economic Humanitarian Journalist Analyst Professor Prof`)
	// words that make a run an organisation's name, English and the
	// common transliterated ones (Jamaat "assembly", Tehreek "movement",
	// Lashkar "army")
	orgWords = text.WordSet(`Ministry Council Party Agency Organisation Organization Commission Forces Force Front
		Movement Bank Fund Office University Institute Centre Center Mission Group Committee Department
		Authority Court Assembly Parliament Government Network News Times Post Press Union Corps Police
		Brigade Alliance Association Foundation Programme Program Services Conference Initiative Tribune
		Express Radio Television TV Broadcasting Corporation Company Emirate Republic Secretariat
		Board Directorate Bureau Cell Division Regiment Battalion League Jamaat Tehreek Tehrik Lashkar Survey
		Chamber Programme Affairs School`)
	// acronyms that are not organisations
	acronymNoise = text.WordSet(`GMT UTC AM PM CEO TV OK ID PDF URL Q A AP BBC CNN`)
	// particles allowed inside a name
	nameParticles = text.WordSet(`of for the and al bin ibn ul ur e de van von la`)
)

// token is one word of a paragraph with its byte range.
type token struct {
	text       string
	start, end int
	// endsRun is set when punctuation after the word (",", ".", "’s",
	// a quote mark, a bracket) ends a run of name words.
	endsRun bool
}

// tokenize splits a paragraph into words, marking where punctuation breaks a
// name, in the memory of buf when it is large enough. Hyphens, apostrophes
// inside words and periods of initials stay in the word.
func tokenize(buf []token, text string) []token {
	// At most one word more than spaces, nearly always: made once.
	out := buf[:0]
	if n := strings.Count(text, " ") + 1; cap(out) < n {
		out = make([]token, 0, n)
	}
	i := 0
	for i < len(text) {
		r, size := runeAt(text, i)
		if !isWordRune(r) {
			if len(out) > 0 && !unicode.IsSpace(r) {
				out[len(out)-1].endsRun = true
			}
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := runeAt(text, i)
			if isWordRune(r) {
				i += size
				continue
			}
			// keep "-", "’", "'" when a letter follows (al-Mansour, O’Neil),
			// and "." between initials (U.S., A.S.) but not in "Lt.General"
			if (r == '-' || r == '’' || r == '\'' || r == '&') && i+size < len(text) {
				nr, _ := utf8.DecodeRuneInString(text[i+size:])
				if unicode.IsLetter(nr) {
					i += size
					continue
				}
			}
			if r == '.' && i+2 < len(text) && unicode.IsUpper(rune(text[i+1])) && !unicode.IsLetter(rune(text[i+2])) {
				i += size
				continue
			}
			break
		}
		w := text[start:i]
		t := token{text: w, start: start, end: i}
		// "Chile’s": the possessive ends a name. Each form ends with one
		// of three bytes ("’" is E2 80 99).
		if c := w[len(w)-1]; c == 's' || c == '\'' || c == 0x99 {
			for _, poss := range []string{"’s", "'s", "’", "'"} {
				if strings.HasSuffix(w, poss) && len(w) > len(poss) {
					t.text, t.end, t.endsRun = w[:len(w)-len(poss)], i-len(poss), true
					break
				}
			}
		}
		// an initial's or abbreviation's period: "U.S." keeps its final period
		if i < len(text) && text[i] == '.' && strings.Contains(w, ".") {
			t.text, t.end = text[start:i+1], i+1
			i++
		}
		out = append(out, t)
	}
	return out
}

// runeAt decodes the rune at byte i of s, ASCII without a call.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenBuffers holds the token slices of paragraphs done with (see Names):
// a paragraph's tokens are made in the memory of an earlier one's.
var tokenBuffers sync.Pool // of *[]token

// compoundAdjective matches "Lagos-based", "US-led", "rebel-ruled":
// adjectives made from names, which are not names themselves.
var compoundAdjective = lazyRegexp(`-(?:based|led|ruled|backed|controlled|friendly|issued|headquartered|born|linked|run|owned|style|allied|funded|brokered|made)$`)

// gerundOpening reports whether a word ending in "ing" opens a sentence
// ("Appreciating Norway’s mediation…"), where its capital says nothing.
func gerundOpening(text string, t token) bool {
	if !strings.HasSuffix(t.text, "ing") {
		return false
	}
	before := strings.TrimRight(text[:t.start], " ")
	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "–") || strings.HasSuffix(before, ":")
}

func capitalised(w string) bool {
	if strings.IndexByte(w, '-') > 0 { // each prefix holds one
		for _, p := range []string{"al-", "el-", "ul-", "ur-", "bin-"} {
			w = strings.TrimPrefix(w, p)
		}
	}
	if w != "" && w[0] < utf8.RuneSelf {
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAcronym(w string) bool {
	w = strings.ReplaceAll(w, ".", "")
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// looksLikeHeadline reports whether a paragraph is a title-case heading
// ("Talks End In Deadlock"), whose capitals say nothing about names.
func looksLikeHeadline(toks []token, text string) bool {
	if t := strings.TrimSpace(text); len(toks) == 0 || len(toks) > 15 || strings.Contains(strings.TrimRight(t, ".?!:"), ". ") {
		return false
	}
	caps := 0
	for _, t := range toks {
		if capitalised(t.text) || nameParticles[t.text] {
			caps++
		}
	}
	return caps*10 >= len(toks)*8
}

// Names finds the proper names in a paragraph that known does not know.
// A name is a run of capitalised words (with particles such as "of" or "al"
// inside); leading sentence words ("The", "But") and dates are trimmed, a
// leading run of title words is split off as the title, and single words are
// kept only when they are acronyms. Title-case headings are skipped.
func Names(text string, known *Matcher) []NameMention {
	buf, _ := tokenBuffers.Get().(*[]token)
	if buf == nil {
		buf = new([]token)
	}
	toks := tokenize(*buf, text)
	defer func() {
		*buf = toks[:0] // the tokens are not kept; their words are the text's
		tokenBuffers.Put(buf)
	}()
	if looksLikeHeadline(toks, text) {
		return nil
	}
	knownSpans := known.Find(text)
	var out []NameMention
	seen := map[string]bool{}
	var emit func(run []token)
	emit = func(run []token) {
		if i := splitAnd(run); i > 0 {
			emit(run[:i])
			emit(run[i+1:])
			return
		}
		for len(run) > 0 && (nameStop[run[0].text] || nameNoise[run[0].text] || nameParticles[run[0].text]) {
			run = run[1:]
		}
		for len(run) > 0 && (nameNoise[run[len(run)-1].text] || nameParticles[run[len(run)-1].text]) {
			run = run[:len(run)-1]
		}
		if len(run) == 0 {
			return
		}
		n := NameMention{Text: text[run[0].start:run[len(run)-1].end], Start: run[0].start}
		if lex().endsWithDemonym(text, run) || isDemonym(run[len(run)-1].text) || generic(run) {
			return // "South Asian", "Foreign Ministry": descriptions, not names
		}
		if kind, ok := placeKind(text, run); ok && !strings.HasPrefix(text[run[len(run)-1].end:], ":") {
			n.Name, n.Kind, n.Place = n.Text, "place", kind
			if !isKnown(n.Name, run, knownSpans, known) && !seen[n.Text] {
				seen[n.Text] = true
				out = append(out, n)
			}
			return
		}
		if len(run) == 1 && !(isAcronym(run[0].text) && !acronymNoise[run[0].text] && len(run[0].text) <= 6 && !strings.HasPrefix(text[run[0].end:], ":")) {
			return // one word, unless an acronym (not a dateline such as "LIMA:")
		}
		// The title is the leading run of title words, perhaps after a
		// country, a people or a known name ("Chilean Defence Minister",
		// "South Korean Prime Minister"), with "of" and "and" inside
		// ("Minister of Information and Broadcasting"); organisations
		// keep theirs.
		k := 0
		if !hasOrgWord(run) {
			k = titleOpener(text, run, knownSpans)
			if k > 0 || titleWords[run[0].text] {
				for k < len(run) && (titleWords[run[k].text] || (run[k].text == "of" || run[k].text == "and") && k+1 < len(run) && titleWords[run[k+1].text]) {
					k++
				}
			}
		}
		if k > 0 && k < len(run) {
			n.Title = text[run[0].start:run[k-1].end]
			n.Name = text[run[k].start:run[len(run)-1].end]
		} else {
			n.Name = n.Text
		}
		nameRun := run[k:]
		if k == len(run) {
			nameRun = run
		}
		n.Kind = kindOf(run, nameRun, k == len(run))
		if n.Kind == "person" && len(nameRun) == 1 && known.KnownWord(nameRun[0].text) {
			return // "Defence Minister Ruiz": a title and a word of a known name
		}
		if isKnown(n.Name, nameRun, knownSpans, known) {
			return
		}
		if n.Kind == "title" && knownAfter(text, run[len(run)-1].end, knownSpans) {
			return // "the Minister of Defence, Ana Ruiz": the title of a known actor
		}
		if seen[n.Text] {
			return
		}
		seen[n.Text] = true
		out = append(out, n)
	}
	var run []token
	for i, t := range toks {
		word := t.text
		isName := (capitalised(word) && !(strings.IndexByte(word, '-') >= 0 && compoundAdjective().MatchString(word)) && !gerundOpening(text, t)) ||
			(len(run) > 0 && nameParticles[word] && i+1 < len(toks) && capitalised(toks[i+1].text))
		if isName {
			run = append(run, t)
		} else if len(run) > 0 {
			emit(run)
			run = nil
		}
		if t.endsRun && len(run) > 0 {
			emit(run)
			run = nil
		}
	}
	if len(run) > 0 {
		emit(run)
	}
	return out
}

// kindOf classifies a name by its words.
func kindOf(run, nameRun []token, titleOnly bool) string {
	switch {
	case hasOrgWord(run):
		return "organization"
	case titleOnly:
		return "title"
	case len(nameRun) == 1 && isAcronym(nameRun[0].text):
		return "acronym"
	case len(run) > len(nameRun):
		return "person" // it has a title
	}
	return "other"
}

func hasOrgWord(run []token) bool {
	for _, t := range run {
		if orgWords[t.text] {
			return true
		}
	}
	return false
}

// isKnown reports whether the name is a known actor: it is a known name or
// a run of words of one, or known names cover it but for title words
// ("United States President Donald Trump").
func isKnown(name string, run []token, spans []Match, known *Matcher) bool {
	if _, ok := known.Known(name); ok {
		return true
	}
	covered := false
	for _, t := range run {
		inSpan := false
		for _, m := range spans {
			if m.Start <= t.start && m.End >= t.end {
				inSpan, covered = true, true
				break
			}
		}
		if !inSpan && !titleWords[t.text] && !lex().placeWords[t.text] && !nameParticles[t.text] {
			return false
		}
	}
	return covered
}

// knownAfter reports whether a known name follows offset at, after at most a comma.
func knownAfter(text string, at int, spans []Match) bool {
	for _, m := range spans {
		if m.Start >= at && strings.Trim(text[at:m.Start], ", ") == "" {
			return true
		}
	}
	return false
}

// splitAnd returns the index of an "and" that joins two names ("Peru
// and Chile") rather than belonging to one ("Centre for Research and
// Security Studies", "Minister of Information and Broadcasting"), or 0.
func splitAnd(run []token) int {
	for i, t := range run {
		if t.text != "and" || i == 0 || i == len(run)-1 {
			continue
		}
		if hasOrgWord(run[i+1:]) {
			continue
		}
		titles := titleWords[run[i+1].text]
		for _, b := range run[:i] {
			if !titleWords[b.text] && !lex().placeWords[b.text] && b.text != "of" {
				titles = false
			}
		}
		if !titles {
			return i
		}
	}
	return 0
}

// isDemonym reports whether a word reads as the adjective of a people or a
// part of the world by its ending ("Asian", "Sudanese", "Western"), as the
// peoples the lexicon names do ("Chilean"): a name does not end with one.
func isDemonym(w string) bool {
	return strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "stani") ||
		w == "Eastern" || w == "Western" || w == "Northern" || w == "Southern"
}

// titleOpener returns the number of words before the title words of a run:
// a country or a people ("Chilean Defence Minister", "United States
// Secretary of State") or a known name ("Hamas Political Bureau Chief"),
// or 0.
func titleOpener(text string, run []token, known []Match) int {
	n := lex().placeAt(text, run)
	if s := knownSpanAt(run, known); s > n {
		n = s
	}
	if n == 0 || n >= len(run) || !titleWords[run[n].text] {
		return 0
	}
	return n
}

// knownSpanAt returns the number of words of the known name that opens a
// run, or 0.
func knownSpanAt(run []token, known []Match) int {
	for _, m := range known {
		if m.Start != run[0].start {
			continue
		}
		for i, t := range run {
			if t.end == m.End {
				return i + 1
			}
		}
	}
	return 0
}

// generic reports whether a run is made only of title, organisation and
// nationality words: "Foreign Ministry", "Supreme Court", "Chilean
// Interior Ministry".
func generic(run []token) bool {
	if !hasOrgWord(run) {
		return false
	}
	for _, t := range run {
		if !titleWords[t.text] && !orgWords[t.text] && !lex().placeWords[t.text] && !nameParticles[t.text] {
			return false
		}
	}
	return true
}
