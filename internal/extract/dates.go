package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-project/dossier/internal/date"
)

// DateMention is a date a text states or implies.
//
// Explicit dates ("October 9", "9 Oct 2025", "Oct. 9", "2025-10-09"),
// month mentions ("in October", "October 2025") and years ("in 1979") carry
// their own precision. Relative ones ("on Thursday", "Monday night",
// "yesterday", "last week", "earlier this month") are resolved against the
// article's publication date: a weekday is the most recent such day on or
// before it ("last Thursday": strictly before). When the publication date is
// unknown, or a month and day come without a year in an undated article, the
// mention is kept but left unresolved, with a note saying why: a date is
// never guessed.
type DateMention struct {
	Text      string    // as written: "on Thursday", "Oct. 9"
	Start     int       // byte offset in the paragraph
	Date      date.Date // resolved; zero when unresolved
	Precision string    // day | month | year | approximate; "" when unresolved
	Relative  bool      // resolved against the publication date
	Note      string    // how it was resolved, or why it was not
	Sentence  string    // the sentence it came from
}

// Resolved reports whether the mention was given a date.
func (d DateMention) Resolved() bool { return !d.Date.IsZero() }

const (
	monthName = `January|February|March|April|May|June|July|August|September|October|November|December`
	monthAbbr = `Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`
	anyMonth  = `(?:` + monthName + `|(?:` + monthAbbr + `)\.?)`
	weekday   = `Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday`
)

var (
	isoDate = lazyRegexp(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	// "9 October 2025", "9 Oct", "9th October"
	dayMonth = lazyRegexp(`\b(\d{1,2})(?:st|nd|rd|th)? (` + anyMonth + `)(?:,? (\d{4}))?\b`)
	// "October 9", "Oct. 9, 2025"; not "October 2025"
	monthDay = lazyRegexp(`\b(` + anyMonth + `) (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?`)
	// "October 2025", "in October", "since October", "mid-October"
	monthYear  = lazyRegexp(`\b(` + monthName + `),? (\d{4})\b`)
	monthAlone = lazyRegexp(`\b(?:(?:in|since|during|until|till|by|through|throughout|of|from|before|after|late|early|mid|end of|beginning of|start of|earlier in|later in)[ -])(` + monthName + `)\b`)
	yearAlone  = lazyRegexp(`\b(?i:in|since|of|by|until|from|during|before|after|between|and|to|around|early|late|mid)[ -]((?:19|20)\d{2})\b`)
	weekdayRel = lazyRegexp(`\b(?:((?i:last|this|on|late|early|by|since|until|from|before|next)) )?(` + weekday + `)(?:['’]s)?(?: (night|morning|evening|afternoon))?\b`)
	relative   = lazyRegexp(`(?i)\b(yesterday|today|(?:earlier |later )?this week|last week|the previous week|last weekend|this weekend|(?:earlier |later )?this month|last month|this year|last year|(\d+|two|three|four|five|six|seven|eight|nine|ten) days ago)\b`)
)

// The patterns above that need no month are run only around the words
// their matches hold: a weekday with a word before it and two after ("last
// Friday’s night"), a relative word with two before and one after ("the
// previous week", "three days ago"), a year with its preposition, an ISO
// date's year with its month and day.
var (
	weekdayFinder  = finder{re: weekdayRel, fold: true, windows: around(isWeekday, 1, 2), window: weekdayWindow}
	relativeFinder = finder{re: relative, fold: true, windows: around(isRelativeWord, 2, 1), window: relativeWindow}
	yearFinder     = finder{re: yearAlone, fold: true, windows: around(isYearWord, 1, 0)}
	isoDateFinder  = finder{re: isoDate, windows: around(isFourDigits, 0, 2)}
)

// monthPrefixes are the capitalised three-letter starts of month names.
var monthPrefixes = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

var monthIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range strings.Split(monthName, "|") {
		m[strings.ToLower(n)] = i + 1
		m[strings.ToLower(n[:3])] = i + 1
	}
	m["sept"] = 9
	return m
}()

func monthOf(s string) int { return monthIndex[strings.ToLower(strings.TrimSuffix(s, "."))] }

var weekdayIndex = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// Dates finds the dates in a paragraph. published is the article's
// publication date (zero when unknown); it resolves relative mentions and
// gives a year to "October 9".
func Dates(text string, published date.Date) []DateMention {
	return newParagraph(text).dates(published)
}

func (p *paragraph) dates(published date.Date) []DateMention {
	text := p.text
	var out []DateMention
	taken := func(s, e int) bool {
		for _, d := range out {
			if s < d.Start+len(d.Text) && e > d.Start {
				return true
			}
		}
		return false
	}
	add := func(s, e int, d DateMention) {
		if taken(s, e) {
			return
		}
		d.Text, d.Start = text[s:e], s
		out = append(out, d)
	}
	group := func(m []int, i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}

	// Each regular expression costs a scan of the paragraph; most
	// paragraphs hold no month, weekday or digit and skip them.
	hasMonth, hasDigit := false, strings.ContainsAny(text, "0123456789")
	for _, m := range monthPrefixes {
		if strings.Contains(text, m) {
			hasMonth = true
			break
		}
	}
	find := func(re *regexp.Regexp, ok bool) [][]int {
		if !ok {
			return nil
		}
		return re.FindAllStringSubmatchIndex(text, -1)
	}
	runs := p.words()
	var years [][]int
	if hasDigit {
		years = yearFinder.find(text, runs)
	}
	for _, m := range isoDateFinder.find(text, runs) {
		if d, err := date.Parse(text[m[0]:m[1]]); err == nil {
			add(m[0], m[1], DateMention{Date: d, Precision: "day"})
		}
	}
	for _, re := range []*regexp.Regexp{dayMonth(), monthDay()} {
		for _, m := range find(re, hasMonth && hasDigit) {
			day, mon := group(m, 1), group(m, 2)
			if re == monthDay() {
				day, mon = mon, day
			}
			d, _ := strconv.Atoi(day)
			add(m[0], m[1], explicitDay(monthOf(mon), d, group(m, 3), published))
		}
	}
	for _, m := range find(monthYear(), hasMonth && hasDigit) {
		y, _ := strconv.Atoi(group(m, 2))
		add(m[0], m[1], DateMention{Date: date.Date{Year: y, Month: monthOf(group(m, 1))}, Precision: "month"})
	}
	for _, m := range find(monthAlone(), hasMonth) {
		mon := monthOf(group(m, 1))
		dm := DateMention{Note: "year not stated and the article is undated"}
		if published.Month != 0 {
			y := published.Year
			if mon > published.Month {
				y-- // "in December" in a November article is last December
			}
			dm = DateMention{Date: date.Date{Year: y, Month: mon}, Precision: "month", Relative: true, Note: "year from the publication date"}
		}
		add(m[2], m[3], dm)
	}
	for _, m := range weekdayFinder.find(text, runs) {
		// "Sunday, October 12" is dated by the explicit date that follows.
		// (Both patterns need a month and a digit, which the text may lack.)
		if hasMonth && hasDigit {
			if rest := strings.TrimLeft(text[m[1]:], ", "); monthDay().MatchString(firstWords(rest, 2)) || dayMonth().MatchString(firstWords(rest, 2)) {
				continue
			}
		}
		add(m[0], m[1], weekdayDate(group(m, 1), group(m, 2), published))
	}
	for _, m := range relativeFinder.find(text, runs) {
		add(m[0], m[1], relativeDate(strings.ToLower(group(m, 1)), strings.ToLower(group(m, 2)), published))
	}
	for _, m := range years {
		y, _ := strconv.Atoi(group(m, 1))
		add(m[2], m[3], DateMention{Date: date.Date{Year: y}, Precision: "year"})
	}

	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	sentences := p.sentences()
	for i := range out {
		sp := spanAt(sentences, out[i].Start, len(text))
		out[i].Sentence = strings.TrimSpace(text[sp.Start:sp.End])
	}
	return out
}

// isWeekday reports whether a word is a weekday's name.
func isWeekday(w string) bool {
	if len(w) < len("Monday") || len(w) > len("Wednesday") || !strings.HasSuffix(w, "day") {
		return false // the map would say so, slower
	}
	_, ok := weekdayIndex[w]
	return ok
}

// isRelativeWord reports whether a word, in any case, is one every relative
// date holds: "yesterday", "today", "week", "weekend", "month", "year", "days".
var isRelativeWord = foldIn("yesterday", "today", "week", "weekend", "month", "year", "days")

// isFourDigits reports whether a word is four digits.
func isFourDigits(w string) bool {
	return len(w) == 4 && '0' <= w[0] && w[0] <= '9' && '0' <= w[1] && w[1] <= '9' && '0' <= w[2] && w[2] <= '9' && '0' <= w[3] && w[3] <= '9'
}

// isYearWord reports whether a word is a year yearAlone reads: 19xx or 20xx.
func isYearWord(w string) bool {
	return len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && '0' <= w[2] && w[2] <= '9' && '0' <= w[3] && w[3] <= '9'
}

func firstWords(s string, n int) string {
	f := strings.Fields(s[:min(len(s), 40)])
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// explicitDay dates "October 9" (with or without a year).
func explicitDay(month, day int, year string, published date.Date) DateMention {
	if month == 0 || day < 1 || day > 31 {
		return DateMention{Note: "not a date"}
	}
	var y int
	rel := false
	if year != "" {
		y, _ = strconv.Atoi(year)
	} else if published.Month != 0 {
		// The nearest such day to the publication date: "December 30" in a
		// January article is last December, "January 2" in a December one next January.
		y, rel = published.Year, true
		if d := month - published.Month; d > 6 {
			y--
		} else if d < -6 {
			y++
		}
	} else {
		return DateMention{Note: "year not stated and the article is undated"}
	}
	d, err := date.Parse(date.Date{Year: y, Month: month, Day: day}.String())
	if err != nil {
		return DateMention{Note: "no such day"}
	}
	dm := DateMention{Date: d, Precision: "day", Relative: rel}
	if rel {
		dm.Note = "year from the publication date"
	}
	return dm
}

// weekdayDate resolves "on Thursday", "last Friday", "Monday night".
func weekdayDate(word, day string, published date.Date) DateMention {
	if published.Precision() != "day" {
		return DateMention{Note: "weekday not resolved: the article's publication date is unknown"}
	}
	pub := published.Time()
	back := (int(pub.Weekday()) - int(weekdayIndex[day]) + 7) % 7
	if back == 0 && strings.EqualFold(word, "last") {
		back = 7
	}
	t := pub.AddDate(0, 0, -back)
	return DateMention{Date: date.Of(t), Precision: "day", Relative: true,
		Note: "most recent " + day + " on or before the publication date, " + published.String()}
}

// relativeDate resolves "yesterday", "last week", "earlier this month", "3 days ago".
func relativeDate(phrase, count string, published date.Date) DateMention {
	unresolved := DateMention{Note: "not resolved: the article's publication date is unknown"}
	pub := published.Time()
	note := "relative to the publication date, " + published.String()
	monthOnly := published.Precision() == "month" || published.Precision() == "day"
	if strings.HasSuffix(phrase, "year") && !published.IsZero() {
		y := published.Year
		if phrase == "last year" {
			y--
		}
		return DateMention{Date: date.Date{Year: y}, Precision: "year", Relative: true, Note: note}
	}
	if strings.HasSuffix(phrase, "month") && monthOnly {
		t := time.Date(published.Year, time.Month(published.Month), 1, 0, 0, 0, 0, time.UTC)
		if phrase == "last month" {
			t = t.AddDate(0, -1, 0)
		}
		return DateMention{Date: date.Date{Year: t.Year(), Month: int(t.Month())}, Precision: "month", Relative: true, Note: note}
	}
	if published.Precision() != "day" {
		return unresolved
	}
	var t time.Time
	precision := "day"
	switch {
	case phrase == "yesterday":
		t = pub.AddDate(0, 0, -1)
	case phrase == "today":
		t = pub
	case strings.HasSuffix(phrase, "days ago"):
		n, err := strconv.Atoi(count)
		if err != nil {
			n = int(wordValues[count])
		}
		t = pub.AddDate(0, 0, -n)
	case phrase == "last week" || phrase == "the previous week":
		t, precision = pub.AddDate(0, 0, -7), "approximate"
	case strings.HasSuffix(phrase, "this week"):
		t, precision = pub, "approximate"
	case phrase == "last weekend":
		back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7
		if back <= 1 { // published on the weekend itself: the one before
			back += 7
		}
		t, precision = pub.AddDate(0, 0, -back), "approximate"
	case phrase == "this weekend":
		back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7
		t, precision = pub.AddDate(0, 0, -back), "approximate"
	default:
		return unresolved
	}
	return DateMention{Date: date.Of(t), Precision: precision, Relative: true, Note: note}
}
