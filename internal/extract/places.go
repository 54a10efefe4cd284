package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/text"
)

// placeNouns are the words that, written right after a name, make it a
// place ("the Orakzai district", "Paktika province"), with the kind of
// place each suggests in the words of content.PlaceKinds, or "" when it
// suggests none.
var placeNouns = map[string]string{
	"province": "province", "provinces": "province",
	"district": "district", "districts": "district", "tehsil": "district",
	"city": "city", "town": "city", "village": "site", "camp": "site",
	"region": "region", "valley": "region", "area": "region",
	"crossing": "border-crossing",
}

// placePrepositions are the words that, written right before a name, say it
// is where something happens ("clashes in Kurram", "near Chaman").
var placePrepositions = text.WordSet(`in near outside across into at around towards toward through`)

// placeKind reports whether a run of name words of text reads as a place,
// and its kind when the text says: a country the lexicon knows; a name
// followed by a place noun ("Kurram district"); or one of a single word or
// two after a locative preposition ("in Khost"). Runs with title or
// organisation words are never places.
func placeKind(text string, run []token) (kind string, ok bool) {
	for _, t := range run {
		if titleWords[t.text] || orgWords[t.text] {
			return "", false
		}
	}
	name := text[run[0].start:run[len(run)-1].end]
	if parts := strings.Split(name, "-"); len(parts) > 1 {
		for _, p := range parts {
			if lex().places[p] {
				return "", false // "Peru-Chile", "Sino-Indian": a pair, not a place
			}
		}
	}
	if lex().places[name] && !lex().demonyms[name] {
		return "country", true
	}
	next := wordAfter(text, run[len(run)-1].end)
	if next == "border" && wordAfter(text, run[len(run)-1].end+1+len(next)) == "crossing" {
		return "border-crossing", true
	}
	if kind, ok := placeNouns[next]; ok {
		return kind, true
	}
	if strings.HasSuffix(name, "ic") {
		return "", false // "in Islamic law": an adjective
	}
	if len(run) <= 2 && placePrepositions[wordBefore(text, run[0].start)] {
		return "", true
	}
	return "", false
}

// wordAfter returns the word of letters that follows offset at after one
// space, or "" when something else follows.
func wordAfter(text string, at int) string {
	if at >= len(text) || text[at] != ' ' {
		return ""
	}
	rest := text[at+1:]
	end := 0
	for end < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += size
	}
	return rest[:end]
}

// wordBefore returns the word of letters that ends one space before offset
// at, or "" when something else stands there.
func wordBefore(text string, at int) string {
	if at == 0 || text[at-1] != ' ' {
		return ""
	}
	head := text[:at-1]
	start := len(head)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(head[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= size
	}
	return head[start:]
}
