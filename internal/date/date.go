// Package date parses and formats the partial dates a dossier uses.
//
// A Date is a year, a year and month, or a full day ("2025", "2025-10",
// "2025-10-09"), so that an event known only to the month is never given a
// made-up day. Dates decode from YAML scalars in any of those three forms.
package date

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Date is a calendar date known to the year, month or day. The zero Date is unknown.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when not known
	Line             int // line of the YAML value it was decoded from, for messages
}

// Parse reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" and rejects impossible dates.
func Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("date %q has no month %d", s, d.Month)
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q does not exist", s)
		}
	}
	return d, nil
}

// MustParse is Parse for constants in tests and tables; it panics on bad input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Of returns the day of t.
func Of(t time.Time) Date { return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()} }

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision names how much of the date is known: "day", "month", "year" or "" when unknown.
func (d Date) Precision() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return "year"
	case d.Day == 0:
		return "month"
	}
	return "day"
}

// String formats the date in the form it was written: YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) String() string {
	n := 3 // parts written: year, month, day
	switch d.Precision() {
	case "":
		return ""
	case "year":
		n = 1
	case "month":
		n = 2
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return strings.Join([]string{fmt.Sprintf("%04d", d.Year), fmt.Sprintf("%02d", d.Month), fmt.Sprintf("%02d", d.Day)}[:n], "-")
	}
	// The inbox writes every date it lists: digits, not fmt.
	b := [...]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10),
		'-', byte('0' + d.Month/10), byte('0' + d.Month%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:3*n+1])
}

// Human formats the date for readers: "9 October 2025", "October 2025", "2025".
func (d Date) Human() string {
	switch d.Precision() {
	case "":
		return "date unknown"
	case "year":
		return strconv.Itoa(d.Year)
	case "month":
		return fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
}

// Time returns the first instant of the date (month and day default to 1), in UTC.
func (d Date) Time() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Compare orders dates chronologically; a less precise date sorts before the
// more precise dates inside it ("2025-10" before "2025-10-01").
func (d Date) Compare(e Date) int {
	for _, p := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// UnmarshalYAML accepts YYYY, YYYY-MM, YYYY-MM-DD and null, and remembers the line.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("a date must be a single value like 2025-10-09")
	}
	if n.Tag == "!!null" || n.Value == "" {
		*d = Date{Line: n.Line}
		return nil
	}
	v, err := Parse(n.Value)
	if err != nil {
		return err
	}
	v.Line = n.Line
	*d = v
	return nil
}

// MarshalJSON writes the date as a string, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(strconv.Quote(d.String())), nil
}
