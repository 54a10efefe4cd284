// Package text holds the small string helpers the stages share: shortening
// a sentence for display, counting nouns, capitalising and making slugs.
package text

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shorten returns s or, when it is longer than n characters, its first n
// characters cut back to the last space in their second half and ended with
// "…". White space is kept as it is: callers showing text in one line fold
// it first (OneLine).
func Shorten(s string, n int) string {
	if head, cut := ShortenedHead(s, n); cut {
		return head + "…"
	}
	return s
}

// ShortenedHead returns what Shorten(s, n) keeps of s, and whether it cut
// s (and so ends it with "…"), without making a string.
func ShortenedHead(s string, n int) (head string, cut bool) {
	if len(s) <= n { // no more characters than bytes
		return s, false
	}
	end := 0 // the byte offset of character n
	for range n {
		if end == len(s) {
			return s, false
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if end == len(s) {
		return s, false
	}
	head = s[:end]
	if i := strings.LastIndex(head, " "); i > n/2 {
		head = head[:i]
	}
	return head, true
}

// OneLine makes every run of white space in s one space and trims the ends,
// as joining strings.Fields(s) with spaces does, without making the list
// of words; a text that is one line already comes back as it is.
func OneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false // white space since the last word
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// isOneLine reports whether s has no white space but single spaces between
// words.
func isOneLine(s string) bool {
	space := true // a space at the start would lead
	for _, r := range s {
		isSpace := unicode.IsSpace(r)
		if isSpace && (r != ' ' || space) {
			return false
		}
		space = isSpace
	}
	return !space || s == ""
}

// Count writes n and the noun, plural when n is not 1: "1 error", "2 errors".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

var (
	nonSlug = regexp.MustCompile(`[^a-z0-9]+`)
	folds   = strings.NewReplacer("’", "", "'", "", "é", "e", "è", "e", "ü", "u", "ö", "o", "ä", "a", "á", "a", "í", "i", "ó", "o", "ú", "u", "ç", "c", "ñ", "n", "–", "-", "—", "-")
)

// Slug makes a page slug from text: common accented letters folded to ASCII,
// apostrophes dropped, every other run of characters that are not ASCII
// letters or digits made one hyphen, lower case. With words > 0 it keeps at
// most that many words.
func Slug(s string, words int) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(folds.Replace(s)), "-"), "-")
	if words > 0 {
		if parts := strings.Split(s, "-"); len(parts) > words {
			s = strings.Join(parts[:words], "-")
		}
	}
	return s
}

// UpperFirst capitalises the first letter, for headings made from units and labels.
func UpperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// WordSet returns the words of a space-separated list as a set, for the
// word lists the stages look words up in.
func WordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
