package verify

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Verbatim reports whether the quotation appears in the cited lines, quote
// marks and white space normalised; a quotation with elisions ("…", "...",
// "[…]") must have each part appear, in order.
func Verbatim(lines []string, quote string) bool {
	return inOrder(normalizeQuote(strings.Join(lines, " ")), quote)
}

// Quoted reports whether the quotation appears verbatim inside quotation
// marks in the cited lines: each part of it (see Verbatim) within one quoted
// passage, the parts in order. A passage opened and not closed in its line
// runs to the line's end, as news text quotes a paragraph that continues.
func Quoted(lines []string, quote string) bool {
	var spans []string
	for _, l := range lines {
		for _, sp := range quotedSpans(l) {
			spans = append(spans, normalizeQuote(sp))
		}
	}
	// The separator never occurs in a normalised quotation, so no part can
	// match across two passages.
	return inOrder(strings.Join(spans, " \x00 "), quote)
}

var elision = regexp.MustCompile(`\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*`)

// inOrder reports whether every part of the quotation between elisions
// occurs in haystack, in order.
func inOrder(haystack, quote string) bool {
	at := 0
	found := false
	for _, part := range elision.Split(normalizeQuote(quote), -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := strings.Index(haystack[at:], part)
		if i < 0 {
			return false
		}
		at += i + len(part)
		found = true
	}
	return found
}

var quoteMarks = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`, "‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'", "\u00a0", " ")

// normalizeQuote folds curly quote marks to straight ones and runs of white
// space to one space.
func normalizeQuote(s string) string { return strings.Join(strings.Fields(quoteMarks.Replace(s)), " ") }

// quotedSpans returns the passages of a line inside quotation marks: double
// marks (“ ” ") taken in pairs whatever their shape, as sources mix them;
// a passage opened and not closed runs to the end of the line, and a line
// whose first mark is a closing ” continues a quotation opened on an
// earlier line, so its start is quoted too. Single-quoted ‘…’ or '…'
// passages count outside the double ones.
func quotedSpans(line string) []string {
	var spans []string
	var outside strings.Builder // the text outside double quotes, for single quotes
	open, start := false, 0
	for i, r := range line {
		if r != '“' && r != '”' && r != '"' {
			continue
		}
		size := utf8.RuneLen(r)
		switch {
		case !open && start == 0 && i >= 0 && r == '”' && len(spans) == 0 && !strings.ContainsAny(line[:i], "“\""):
			spans = append(spans, line[:i])
			start = i + size
		case !open:
			outside.WriteString(line[start:i])
			open, start = true, i+size
		default:
			spans = append(spans, line[start:i])
			outside.WriteString(" ")
			open, start = false, i+size
		}
	}
	if open {
		spans = append(spans, line[start:])
	} else {
		outside.WriteString(line[start:])
	}
	return append(spans, singleQuoted(outside.String())...)
}

// singleQuoted finds ‘…’ and '…' passages whose marks stand at word edges.
func singleQuoted(s string) []string {
	var spans []string
	rs := []rune(s)
	isMark := func(r rune) bool { return r == '‘' || r == '’' || r == '\'' }
	wordy := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	open := -1
	for i, r := range rs {
		if !isMark(r) {
			continue
		}
		before, after := wordy(i-1), wordy(i+1)
		switch {
		case open < 0 && !before && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && r != '’':
			open = i
		case open >= 0 && !after && i > 0 && !unicode.IsSpace(rs[i-1]) && r != '‘':
			spans = append(spans, string(rs[open+1:i]))
			open = -1
		}
	}
	return spans
}
