package source

import (
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/dossier-project/dossier/internal/date"
)

// The expressions are compiled when first used (lazyRegexp): a build
// reads most seeds from its cache, and a command that reads none needs
// none of them.
var (
	publishedOn = lazyRegexp(`^Published On (\d{1,2}) (\w+) (\d{4})`)
	updatedOn   = lazyRegexp(`^Updated (\d{1,2}) (\w+) (\d{4})$`)
	updatedAgo  = lazyRegexp(`^Updated [\d\w ]+ ago$`)
	datePrefix  = lazyRegexp(`^date (\d{4}-\d{2}-\d{2})\b`)
	// A dateline opens a report: "Islamabad, Pakistan – After…" or "ISLAMABAD: …".
	dateline = lazyRegexp(`^(\p{Lu}[\p{L}.]+(?: \p{Lu}[\p{L}.]+)*(?:, \p{Lu}[\p{L}.]+(?: \p{Lu}[\p{L}.]+)*)? [–—-] |\p{Lu}{3,}(?: \p{Lu}{3,})?: )`)
)

// isDateline reports whether t opens with a dateline. Every dateline ends
// with a dash between spaces or with a colon and a space, so a line with
// neither is not run through the pattern.
func isDateline(t string) bool {
	if !strings.Contains(t, ": ") && !strings.Contains(t, " – ") && !strings.Contains(t, " — ") && !strings.Contains(t, " - ") {
		return false
	}
	return dateline().MatchString(t)
}

// minArticle is the fewest lines a weak signal (a dateline, a topic shift)
// may leave between two articles: real articles are longer, and a short
// digression inside one article must not split it.
const minArticle = 6

// Split detects the articles in a seed's lines. It never returns an empty
// list for a non-empty seed, and the articles cover every line in order.
func Split(lines []Line) []Article {
	if len(lines) == 0 {
		return nil
	}
	starts := map[int]bool{1: true}
	strong := map[int]bool{1: true}
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		switch {
		case strings.HasPrefix(t, "Published On ") && publishedOn().MatchString(t):
			// Al Jazeera: [headline], standfirst, "Published On …", "Share".
			s := prevText(lines, i)
			if s >= 0 && len(lines[s].Text) < 300 {
				if h := prevText(lines, s); h >= 0 && isHeadline(lines[h].Text) {
					s = h
				}
				starts[s+1], strong[s+1] = true, true
			}
		case strings.HasPrefix(t, "Updated ") && (updatedOn().MatchString(t) || updatedAgo().MatchString(t)):
			// Arab News: headline, blank, "Updated …", "Follow", headline again.
			if h := prevText(lines, i); h >= 0 && isHeadline(lines[h].Text) {
				starts[h+1], strong[h+1] = true, true
			}
		}
	}
	// Weaker signals may only start an article that is not part of a header
	// block and that leaves both neighbours at least minArticle lines long.
	weak := map[int]bool{}
	for i, l := range lines {
		if isDateline(strings.TrimSpace(l.Text)) && !afterHeaderOnly(lines, strong, i+1) {
			weak[i+1] = true
		}
	}
	for _, g := range topicShifts(lines) {
		weak[g] = true
	}

	for n := 1; n <= len(lines); n++ {
		if weak[n] && !starts[n] && !within(starts, n-minArticle, n+minArticle) {
			starts[n] = true
		}
	}

	var arts []Article
	first := 1
	for n := 2; n <= len(lines)+1; n++ {
		if n == len(lines)+1 || starts[n] {
			arts = append(arts, describe(lines, first, n-1))
			first = n
		}
	}
	return arts
}

// within reports whether any start lies in lines [from, to].
func within(starts map[int]bool, from, to int) bool {
	for k := from; k <= to; k++ {
		if starts[k] {
			return true
		}
	}
	return false
}

// afterHeaderOnly reports whether only header material (blank lines,
// boilerplate, short lines such as headlines and bullet points) lies
// between the nearest strong start and line n.
func afterHeaderOnly(lines []Line, strong map[int]bool, n int) bool {
	for k := n - 1; k >= 1 && k >= n-20; k-- {
		if strong[k] {
			return true
		}
		if l := lines[k-1]; l.Boilerplate == "" && len(l.Text) > 250 {
			return false
		}
	}
	return false
}

// prevText returns the index of the nearest non-blank line before i, or -1.
func prevText(lines []Line, i int) int {
	for j := i - 1; j >= 0; j-- {
		if strings.TrimSpace(lines[j].Text) != "" {
			return j
		}
	}
	return -1
}

// isHeadline reports whether a line reads like a headline: short, and not
// ending like a sentence of body text.
func isHeadline(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 160 || boilerplateReason(s) != "" {
		return false
	}
	last := []rune(s)[len([]rune(s))-1]
	return !strings.ContainsRune(`.”"’:`, last)
}

// describe builds an article's detected metadata: a headline where the
// article opens with one, otherwise its first sentence, and a date from a
// "Published On", "Updated" or "date" line inside its first lines.
func describe(lines []Line, first, last int) Article {
	a := Article{First: first, Last: last}
	for n := first; n <= last && n < first+12; n++ {
		t := strings.TrimSpace(lines[n-1].Text)
		if a.Published.IsZero() {
			a.Published = stated(t)
		}
		if a.Title == "" && t != "" && lines[n-1].Boilerplate == "" {
			a.Title = titleFrom(t)
		}
	}
	if a.Title == "" {
		a.Title = "Untitled article"
	}
	return a
}

// stated reads a publication date from a line that states one, or returns zero.
func stated(t string) date.Date {
	if m := datePrefix().FindStringSubmatch(t); m != nil {
		if d, err := date.Parse(m[1]); err == nil {
			return d
		}
	}
	m := publishedOn().FindStringSubmatch(t)
	if m == nil {
		m = updatedOn().FindStringSubmatch(t)
	}
	if m == nil {
		return date.Date{}
	}
	for _, layout := range []string{"2 Jan 2006", "2 January 2006"} {
		if tm, err := time.Parse(layout, m[1]+" "+m[2]+" "+m[3]); err == nil {
			return date.Of(tm)
		}
	}
	return date.Date{}
}

// titleFrom shortens a first paragraph to a title: the headline itself when
// the line is one, else its first sentence cut at a word boundary.
func titleFrom(t string) string {
	t = datePrefix().ReplaceAllString(t, "")
	t = strings.TrimSpace(dateline().ReplaceAllString(t, ""))
	if isHeadline(t) {
		return t
	}
	if i := strings.Index(t, ". "); i > 0 {
		t = t[:i]
	}
	const max = 90
	if r := []rune(t); len(r) > max {
		cut := string(r[:max])
		if j := strings.LastIndexFunc(cut, unicode.IsSpace); j > 40 {
			cut = cut[:j]
		}
		t = cut + "…"
	}
	return t
}

// lazyRegexp returns a regular expression compiled when first used.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
