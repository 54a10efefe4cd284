package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/text"
)

// A speaker is who a sentence says spoke: "Ruiz said", "said Chile’s
// army", "according to the UNICEF", "the Chilean military said".
type speaker struct {
	Start, End int // the speaker's words in the sentence
	Text       string
}

const (
	// capWord is a capitalised word, possibly hyphenated or with an initial
	// lower-case particle ("al-Mansour"), or an acronym with periods ("U.S.").
	capWord = `(?:(?:al|el|ul|ur|bin|ibn)-)?\p{Lu}[\p{L}\p{N}.’'-]*`
	// properNP is a run of capitalised words with optional particles inside.
	properNP = capWord + `(?:\s+(?:(?:of|for|the|and|in|al|bin|ul|e|de)\s+)?` + capWord + `)*`
	// commonNP is a short description: "the Chilean military", "officials",
	// "Chile’s interim government", "the UNICEF spokesperson".
	commonNP   = `(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\p{L}’'-]+\s+){0,3}?(?:` + roleNouns + `)`
	speechVerb = `said|says|told|added|stated|claimed|reported|announced|confirmed|wrote|warned|noted|insisted|argued|alleged|explained|stressed|declared|posted|tweeted|acknowledged|asserted|estimated|accused|called|condemned|denied`
	roleNouns  = `military|army|officials?|spokesman|spokesperson|spokeswoman|ministry|minister|government|police|authorities|sources?|agency|office|statement|report|residents?|analysts?|experts?|observers?|diplomats?|commanders?|leaders?|president|envoy|members|media wing|figures`
)

// speakerBefore and its parts: its two kinds of speaker, and what stands
// between the speaker and the verb.
const (
	// "Chile’s army", "Ruiz", "the Chilean army’s spokesman Ana Ruiz"
	byName = `(?:the\s+)?` + properNP + `(?:[’']s\s+(?:[\p{L}-]+\s+){0,2}?(?:` + roleNouns + `)(?:\s+` + properNP + `)?)?`
	// "officials", "the Chilean military spokesman Ana Ruiz"
	byRole = commonNP + `(?:\s+` + properNP + `)?`
	// ", has also "
	beforeVerb = `\s*,?\s+(?:(?:has|had|have|also|later|previously|earlier|then)\s+)*`
	// ", the political analyst, "
	appositive            = `,\s+(?:the|a|an)\s+[^,“”"]{1,100},\s+`
	speakerAppositiveExpr = `(` + properNP + `)` + appositive + `(?:` + speechVerb + `)\b`
	speakerBeforeExpr     = `(` + byName + `|` + byRole + `)` + beforeVerb + `(?:` + speechVerb + `)\b`
	speakerAccordingExpr  = `\b(?i:according to)\s+(` + commonNP + `(?:\s+` + properNP + `)?|(?:the\s+)?` + properNP + `)`
	speakerAfterExpr      = `\b(?:said|says|added|wrote)\s+(` + commonNP + `(?:\s+` + properNP + `)?|(?:the\s+)?` + properNP + `)\s*(?:[,.;:]|$)`
)

var (
	// "Ruiz, the political analyst, said": the name, not the description
	speakerAppositive = lazyRegexp(speakerAppositiveExpr)
	// "X said", "X told Al Jazeera", "X has said"
	speakerBefore = lazyRegexp(speakerBeforeExpr)
	// "according to X"
	speakerAccording = lazyRegexp(speakerAccordingExpr)
	// "…,” said X." — X ends the clause, or it is the object of "said"
	speakerAfter = lazyRegexp(speakerAfterExpr)
	pronoun      = lazyRegexp(`^(?i:he|she|they|it|we|i|you|this|that|which|who)$`)
)

// speechWords are the words without which a sentence names no speaker; a
// sentence holding none skips the costly patterns.
var speechWords = append(strings.Split(speechVerb, "|"), "according to", "According to")

// speechVerbs are the speech verbs as a set.
var speechVerbs = text.WordSet(strings.ReplaceAll(speechVerb, "|", " "))

// Every match of the speaker patterns but "according to" holds a speech
// verb: the speaker before it runs back at most to a character no name
// holds, the appositive to a quotation mark; "said X" runs on to the end of
// the sentence, as its $ is the end.
var (
	appositiveFinder = finder{re: speakerAppositive, windows: func(s string, runs []Span) []Span {
		return verbWindows(s, runs, quoteMark, 2)
	}, window: appositiveHeads.find}
	speakerBeforeFinder = finder{re: speakerBefore, windows: func(s string, runs []Span) []Span {
		return verbWindows(s, runs, outsideName, 1)
	}, window: speakerBeforeHeads.find}
	speakerAccordingFinder = finder{re: speakerAccording, windows: func(s string, _ []Span) []Span {
		if hasFold(s, "according to") {
			return []Span{{0, len(s)}}
		}
		return nil
	}, window: atWords(lazyRegexp(`^(?:`+speakerAccordingExpr+`)`), isAccording)}
	speakerAfterFinder = finder{re: speakerAfter, windows: func(s string, runs []Span) []Span {
		for _, r := range runs {
			if isSaidAfter(s[r.Start:r.End]) {
				return []Span{{r.Start, len(s)}}
			}
		}
		return nil
	}, window: atWords(lazyRegexp(`^(?:`+speakerAfterExpr+`)`), isSaidAfter)}
)

// isAccording and isSaidAfter accept the words the matches of
// speakerAccording and speakerAfter start with.
func isAccording(w string) bool {
	return len(w) == len("according") && strings.EqualFold(w, "according")
}

func isSaidAfter(w string) bool { return w == "said" || w == "says" || w == "added" || w == "wrote" }

// speakerBeforeHeads finds speakerBefore's matches in a window from the
// speech verbs it holds (see verbHead).
var speakerBeforeHeads = verbHead{lazyHeads(beforeVerb, byName, byRole), lazyRegexp(`^(?:` + speakerBeforeExpr + `)`),
	[]func(string) bool{nil, holdsRoleNoun}}

// holdsRoleNoun reports whether text holds one of roleNouns, as byRole's
// matches do (commonNP ends with one). Most speakers are names: their
// sentences hold none, and byRole's head need not run.
func holdsRoleNoun(text string) bool {
	for _, n := range roleNounList {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

// roleNounList is roleNouns as plain words: "officials?" is "official".
var roleNounList = func() []string {
	var out []string
	for _, n := range strings.Split(roleNouns, "|") {
		if w, ok := strings.CutSuffix(n, "?"); ok {
			n = w[:len(w)-1]
		}
		if strings.ContainsAny(n, `\.+*?()[]{}^$`) {
			panic("roleNouns: " + n + " is not a word")
		}
		out = append(out, n)
	}
	return out
}()

// appositiveHeads does the same for speakerAppositive.
var appositiveHeads = verbHead{lazyHeads(appositive, properNP), lazyRegexp(`^(?:` + speakerAppositiveExpr + `)`),
	[]func(string) bool{endsWithComma}}

// endsWithComma reports whether text ends with a comma and white space, as
// the text before the verb of an appositive does (", said").
func endsWithComma(text string) bool {
	t := strings.TrimRight(text, " \t\n\f\r") // \s
	return len(t) < len(text) && strings.HasSuffix(t, ",")
}

// speakers finds who a sentence says spoke, in order of appearance, given
// the sentence's word runs (wordRuns). Pronouns are not speakers: the
// sentence does not say who spoke.
func speakers(sentence string, runs []Span) []speaker {
	attributed := false
	for _, w := range speechWords {
		if strings.Contains(sentence, w) {
			attributed = true
			break
		}
	}
	if !attributed {
		return nil
	}
	var out []speaker
	// add records a speaker at [s,e); the whole match [ms,me) is taken so a
	// description in an apposition is not a second speaker.
	var taken []Span
	add := func(s, e, ms, me int) {
		t := strings.TrimSpace(sentence[s:e])
		t = strings.TrimRight(t, ",")
		for _, lead := range []string{"But ", "And ", "However, ", "Meanwhile, ", "Separately, ", "Later, ", "The ", "the "} {
			if strings.HasPrefix(t, lead) {
				if r, _ := utf8.DecodeRuneInString(t[len(lead):]); (lead == "The " || lead == "the ") && !unicode.IsUpper(r) {
					continue
				}
				s += len(lead)
				t = strings.TrimPrefix(t, lead)
			}
		}
		if t == "" || pronoun().MatchString(t) || strings.Contains(t, "”") || strings.Contains(t, "“") {
			return
		}
		for _, o := range taken {
			if s < o.End && e > o.Start {
				return
			}
		}
		taken = append(taken, Span{ms, me})
		out = append(out, speaker{Start: s, End: s + len(t), Text: t})
	}
	for _, m := range appositiveFinder.find(sentence, runs) {
		add(m[2], m[3], m[2], m[1])
	}
	for _, f := range []finder{speakerBeforeFinder, speakerAccordingFinder, speakerAfterFinder} {
		for _, m := range f.find(sentence, runs) {
			add(m[2], m[3], m[2], m[3])
		}
	}
	return out
}

// nearest returns the speaker nearest to byte offset at, or "".
func nearest(ss []speaker, at int) string {
	best, dist := "", -1
	for _, s := range ss {
		d := s.Start - at
		if at > s.Start {
			d = at - s.End
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
