package date

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFirstAndLast(t *testing.T) {
	for _, tt := range []struct{ in, first, last string }{
		{"2024", "2024-01-01", "2024-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2025-10-09", "2025-10-09", "2025-10-09"},
	} {
		d := MustParse(tt.in)
		assert.Equal(t, tt.first, d.First().String(), "first day of %s", tt.in)
		assert.Equal(t, tt.last, d.Last().String(), "last day of %s", tt.in)
	}
}

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct{ in, str, human, err string }{
		{"2024", "2024", "2024", ""},
		{"2025-10-11/2025-10-12", "2025-10-11/2025-10-12", "11–12 October 2025", ""},
		{"2025-01/2025-09", "2025-01/2025-09", "January–September 2025", ""},
		{"2025-01/2025-09-15", "2025-01/2025-09-15", "January 2025 to 15 September 2025", ""},
		{"2021/2025", "2021/2025", "2021–2025", ""},
		{"2025-10-12/2025-10-11", "", "", "ends before it starts"},
		{"2025-13", "", "", "no month 13"},
		{"soon", "", "", "is not YYYY"},
	} {
		p, err := ParsePeriod(tt.in)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, "period %q", tt.in)
			continue
		}
		if assert.NoError(t, err, "period %q", tt.in) {
			assert.Equal(t, tt.str, p.String(), "period %q", tt.in)
			assert.Equal(t, tt.human, p.Human(), "period %q", tt.in)
		}
	}
}

func TestPeriodRelations(t *testing.T) {
	p := func(s string) Period {
		v, err := ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	assert.True(t, p("2025-10").Equal(p("2025-10-01/2025-10-31")), "a month is its days")
	assert.False(t, p("2024").Equal(p("2025-01/2025-09")))
	assert.True(t, p("2025").Overlaps(p("2025-01/2025-09")))
	assert.False(t, p("2024").Overlaps(p("2025-01/2025-09")))
}
