package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// boilerplate lists the lines that news sites print around an article and
// that never count as content, with the reason shown in the source viewer.
// Caption is the boilerplate reason of a photo caption ("… [Name/Agency]"):
// page furniture for the extractors, but the article's own words, which
// pages may cite and where names count as mentions.
const Caption = "caption"

var boilerplate = []struct {
	re     func() *regexp.Regexp // compiled when first used
	reason string
	// may is what every line re matches has, cheap to test: most lines
	// are text, and a pattern is not run over a line without it.
	may func(t string) bool
}{
	{lazyRegexp(`^(Recommended Stories|Related Articles?|Read more|Read More|More from .*|Share|Save|Follow|Post a comment|Short Url|Newsflash:?|Advertisement|Subscribe.*|Sign up.*)$`), "navigation",
		func(t string) bool { return hasAnyPrefix(t, navigationHeads) }},
	{lazyRegexp(`^list of \d+ items?(end of list)?$`), "navigation", func(t string) bool { return strings.HasPrefix(t, "list of ") }},
	{lazyRegexp(`^\d+ min read$`), "navigation", func(t string) bool { return strings.HasSuffix(t, " min read") }},
	{lazyRegexp(`^Published On \d{1,2} \w+ \d{4}`), "dateline", func(t string) bool { return strings.HasPrefix(t, "Published On ") }},
	{lazyRegexp(`^Updated (\d{1,2} \w+ \d{4}|[\d\w ]+ ago)$`), "dateline", func(t string) bool { return strings.HasPrefix(t, "Updated ") }},
	{lazyRegexp(`^— .*\(@\w+\) \w+ \d{1,2}, \d{4}$`), "embedded post", func(t string) bool { return strings.HasPrefix(t, "— ") }},
	{lazyRegexp(`\[[^\]]*/[^\]]*\]$`), Caption, func(t string) bool { return strings.HasSuffix(t, "]") }},
}

// navigationHeads are the words the first pattern's lines start with.
var navigationHeads = []string{"Recommended Stories", "Related Article", "Read more", "Read More", "More from ",
	"Share", "Save", "Follow", "Post a comment", "Short Url", "Newsflash", "Advertisement", "Subscribe", "Sign up"}

func hasAnyPrefix(t string, heads []string) bool {
	for _, h := range heads {
		if strings.HasPrefix(t, h) {
			return true
		}
	}
	return false
}

func boilerplateReason(text string) string {
	t := strings.TrimSpace(text)
	if t == "" {
		return ""
	}
	for _, b := range boilerplate {
		if b.may(t) && b.re().MatchString(t) {
			return b.reason
		}
	}
	return ""
}

func markBoilerplate(lines []Line) {
	for i := range lines {
		lines[i].Boilerplate = boilerplateReason(lines[i].Text)
	}
}

// markDuplicates records, for each paragraph that repeats an earlier one, the
// earlier line. Very short lines (headings, "Share") are not compared: they
// repeat legitimately.
func markDuplicates(lines []Line) {
	seen := map[string]int{}
	for i := range lines {
		if len(lines[i].Text) < 40 {
			continue // folding white space only shortens a line
		}
		key := normalizeSpace(lines[i].Text)
		if len(key) < 40 {
			continue
		}
		if first, ok := seen[key]; ok {
			lines[i].DuplicateOf = first
			continue
		}
		seen[key] = lines[i].N
	}
}

// normalizeSpace folds runs of white space to one space and trims the ends.
// Most lines have nothing to fold: those are returned as they are.
func normalizeSpace(s string) string {
	if spacedOnce(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// spacedOnce reports whether the only white space in s is single spaces
// between other characters, as strings.Fields sees white space.
func spacedOnce(s string) bool {
	space := true // a space here would lead the text
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			space = false
			i += size
			continue
		}
		switch c {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			space = false
		}
		i++
	}
	return !space || s == ""
}
