package extract

import "strings"

// The weekday and relative-date patterns (weekdayRel, relative) are small,
// but they run on a window around every weekday or "week", "month", "days"
// of the corpus, and each run of the regexp package over a window costs
// more than the window's few words. These functions find the same matches
// in a window by reading the patterns' alternatives in their order, as the
// regexp package does (leftmost first, the greedy option before the
// shorter one, the first alternative that lets the rest match): the
// finders' tests hold them to the patterns. They fold ASCII case only; a
// text holding one of the two runes that fold to ASCII letters is searched
// whole by the pattern (finder.fold).

// weekdayNames are the alternatives of the pattern's weekday, which must be
// written with a capital.
var weekdayNames = strings.Split(weekday, "|")

// weekdayLeads are the words weekdayRel takes before a weekday, in any case,
// and dayParts those it takes after it.
var (
	weekdayLeads = []string{"last", "this", "on", "late", "early", "by", "since", "until", "from", "before", "next"}
	dayParts     = []string{"night", "morning", "evening", "afternoon"}
)

// wordAt reports whether s has a regexp word byte at i.
func wordAt(s string, i int) bool { return i >= 0 && i < len(s) && isWordByte(s[i]) }

// boundaryAt reports whether \b holds at i in s.
func boundaryAt(s string, i int) bool { return wordAt(s, i-1) != wordAt(s, i) }

// foldAt reports whether s holds w at i in any ASCII case; w is lower-case.
func foldAt(s string, i int, w string) bool {
	if len(s)-i < len(w) {
		return false
	}
	for j := range len(w) {
		c := s[i+j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[j] {
			return false
		}
	}
	return true
}

// scanWindow returns the successive matches at in the window w of text, as
// FindAllStringSubmatchIndex over text[w.Start:w.End] gives them, with
// offsets into text. at returns the match starting at i of s, or nil.
func scanWindow(text string, w Span, at func(s string, i int) []int) [][]int {
	s := text[w.Start:w.End]
	var out [][]int
	for i := 0; i < len(s); {
		m := at(s, i)
		if m == nil {
			i++
			continue
		}
		i = m[1]
		for k := range m {
			if m[k] >= 0 {
				m[k] += w.Start
			}
		}
		out = append(out, m)
	}
	return out
}

// weekdayWindow finds the matches of weekdayRel in a window.
func weekdayWindow(text string, _ []Span, w Span) ([][]int, bool) {
	return scanWindow(text, w, weekdayAt), true
}

// weekdayAt is the match of weekdayRel starting at i of s: its groups are
// the word before the weekday, the weekday and the part of the day.
func weekdayAt(s string, i int) []int {
	if !boundaryAt(s, i) {
		return nil
	}
	for _, lead := range weekdayLeads {
		if foldAt(s, i, lead) && foldAt(s, i+len(lead), " ") {
			if m := weekdayFrom(s, i+len(lead)+1); m != nil {
				return []int{i, m[0], i, i + len(lead), m[1], m[2], m[3], m[4]}
			}
		}
	}
	if m := weekdayFrom(s, i); m != nil {
		return []int{i, m[0], -1, -1, m[1], m[2], m[3], m[4]}
	}
	return nil
}

// weekdayFrom matches the rest of weekdayRel at i: a weekday, then "'s"
// or "’s" if the rest allows, then a part of the day if the rest allows,
// then \b. It returns the end, the weekday's span and the part's (or -1s).
func weekdayFrom(s string, i int) []int {
	end := -1
	for _, d := range weekdayNames {
		if strings.HasPrefix(s[i:], d) {
			end = i + len(d)
			break
		}
	}
	if end < 0 {
		return nil
	}
	afters, n := [2]int{end, end}, 1 // with "'s" first, when it is there
	switch {
	case strings.HasPrefix(s[end:], "'s"):
		afters, n = [2]int{end + len("'s"), end}, 2
	case strings.HasPrefix(s[end:], "’s"):
		afters, n = [2]int{end + len("’s"), end}, 2
	}
	for _, a := range afters[:n] {
		for _, part := range dayParts {
			if strings.HasPrefix(s[a:], " "+part) && boundaryAt(s, a+1+len(part)) {
				return []int{a + 1 + len(part), i, end, a + 1, a + 1 + len(part)}
			}
		}
		if boundaryAt(s, a) {
			return []int{a, i, end, -1, -1}
		}
	}
	return nil
}

// relativeAlts are the alternatives of the pattern relative but the last,
// lower-case, in order, each with the words it may take first.
var relativeAlts = []struct {
	leads []string
	body  string
}{
	{nil, "yesterday"}, {nil, "today"}, {[]string{"earlier ", "later "}, "this week"}, {nil, "last week"},
	{nil, "the previous week"}, {nil, "last weekend"}, {nil, "this weekend"},
	{[]string{"earlier ", "later "}, "this month"}, {nil, "last month"}, {nil, "this year"}, {nil, "last year"},
}

// relativeCounts are the number words of relative's last alternative, "N
// days ago", after its digits.
var relativeCounts = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// relativeWindow finds the matches of relative in a window.
func relativeWindow(text string, _ []Span, w Span) ([][]int, bool) {
	return scanWindow(text, w, relativeAt), true
}

// relativeAt is the match of relative starting at i of s: its groups are
// the whole date and the number of "N days ago".
func relativeAt(s string, i int) []int {
	if !boundaryAt(s, i) {
		return nil
	}
	whole := func(end int) []int { return []int{i, end, i, end, -1, -1} }
	for _, alt := range relativeAlts {
		for _, lead := range alt.leads {
			if foldAt(s, i, lead) && foldAt(s, i+len(lead), alt.body) && boundaryAt(s, i+len(lead)+len(alt.body)) {
				return whole(i + len(lead) + len(alt.body))
			}
		}
		if foldAt(s, i, alt.body) && boundaryAt(s, i+len(alt.body)) {
			return whole(i + len(alt.body))
		}
	}
	const ago = " days ago"
	n := i
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n > i && foldAt(s, n, ago) && boundaryAt(s, n+len(ago)) {
		m := whole(n + len(ago))
		m[4], m[5] = i, n
		return m
	}
	for _, c := range relativeCounts {
		if foldAt(s, i, c) && foldAt(s, i+len(c), ago) && boundaryAt(s, i+len(c)+len(ago)) {
			m := whole(i + len(c) + len(ago))
			m[4], m[5] = i, i+len(c)
			return m
		}
	}
	return nil
}
