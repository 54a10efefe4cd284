package date

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// First returns the first day the date may be: the date itself, or the
// first day of its month or year.
func (d Date) First() Date {
	switch d.Precision() {
	case "year":
		return Date{Year: d.Year, Month: 1, Day: 1}
	case "month":
		return Date{Year: d.Year, Month: d.Month, Day: 1}
	}
	return Date{Year: d.Year, Month: d.Month, Day: d.Day}
}

// Last returns the last day the date may be.
func (d Date) Last() Date {
	switch d.Precision() {
	case "year":
		return Date{Year: d.Year, Month: 12, Day: 31}
	case "month":
		t := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
		return Date{Year: d.Year, Month: d.Month, Day: t.Day()}
	}
	return Date{Year: d.Year, Month: d.Month, Day: d.Day}
}

// Period is a span of time written as a date ("2024": the whole year) or as
// an ISO 8601 interval of two dates ("2025-10-11/2025-10-12",
// "2025-01/2025-09-15"). The zero Period is unknown.
type Period struct {
	From, To Date // To equals From for a period written as one date
	Line     int  // line of the YAML value it was decoded from, for messages
}

// ParsePeriod reads a date or an interval "FROM/TO" whose start is not after its end.
func ParsePeriod(s string) (Period, error) {
	from, to, isInterval := strings.Cut(strings.TrimSpace(s), "/")
	a, err := Parse(from)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: %v", s, err)
	}
	if !isInterval {
		return Period{From: a, To: a}, nil
	}
	b, err := Parse(to)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: %v", s, err)
	}
	if a.First().Compare(b.Last()) > 0 {
		return Period{}, fmt.Errorf("period %q ends before it starts", s)
	}
	return Period{From: a, To: b}, nil
}

// IsZero reports whether the period is unknown.
func (p Period) IsZero() bool { return p.From.IsZero() }

// First and Last are the first and last days the period may cover.
func (p Period) First() Date { return p.From.First() }

// Last is the last day the period may cover.
func (p Period) Last() Date { return p.To.Last() }

// Equal reports whether two periods cover the same days.
func (p Period) Equal(q Period) bool {
	return p.First().Compare(q.First()) == 0 && p.Last().Compare(q.Last()) == 0
}

// Overlaps reports whether the periods share a day.
func (p Period) Overlaps(q Period) bool {
	return p.First().Compare(q.Last()) <= 0 && q.First().Compare(p.Last()) <= 0
}

// String writes the period as it is written in YAML.
func (p Period) String() string {
	if p.From.Compare(p.To) == 0 && p.From.Precision() == p.To.Precision() {
		return p.From.String()
	}
	return p.From.String() + "/" + p.To.String()
}

// Human writes the period for readers: "2024", "11–12 October 2025",
// "January–September 2025", "1 January to 15 September 2025".
func (p Period) Human() string {
	a, b := p.From, p.To
	switch {
	case p.IsZero():
		return ""
	case a.Compare(b) == 0 && a.Precision() == b.Precision():
		return a.Human()
	case a.Precision() == "day" && b.Precision() == "day" && a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%d–%d %s %d", a.Day, b.Day, time.Month(a.Month), a.Year)
	case a.Precision() == "month" && b.Precision() == "month" && a.Year == b.Year:
		return fmt.Sprintf("%s–%s %d", time.Month(a.Month), time.Month(b.Month), a.Year)
	case a.Precision() == "year" && b.Precision() == "year":
		return fmt.Sprintf("%d–%d", a.Year, b.Year)
	}
	return a.Human() + " to " + b.Human()
}

// UnmarshalYAML accepts a date, an interval and null, and remembers the line.
func (p *Period) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("a period must be a single value like 2024 or 2025-10-11/2025-10-12")
	}
	if n.Tag == "!!null" || n.Value == "" {
		*p = Period{Line: n.Line}
		return nil
	}
	v, err := ParsePeriod(n.Value)
	if err != nil {
		return err
	}
	v.Line = n.Line
	*p = v
	return nil
}

// MarshalJSON writes the period as written, or null when unknown.
func (p Period) MarshalJSON() ([]byte, error) {
	if p.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + p.String() + `"`), nil
}
