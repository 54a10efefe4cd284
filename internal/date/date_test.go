package date

import (
	"fmt"
	"testing"

	"github.com/dossier-project/dossier/internal/strictyaml"
	"github.com/stretchr/testify/assert"
	"go.yaml.in/yaml/v3"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want, precision, human string
		err                        bool
	}{
		{"2025-10-09", "2025-10-09", "day", "9 October 2025", false},
		{"2025-10", "2025-10", "month", "October 2025", false},
		{"2007", "2007", "year", "2007", false},
		{"2025-13", "", "", "", true},
		{"2025-02-29", "", "", "", true},
		{"25-10-09", "", "", "", true},
		{"2025-1-9", "", "", "", true},
		{"October 9", "", "", "", true},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if tt.err {
			assert.Error(t, err, "Parse(%q)", tt.in)
			continue
		}
		assert.NoError(t, err, "Parse(%q)", tt.in)
		assert.Equal(t, tt.want, d.String(), "Parse(%q)", tt.in)
		assert.Equal(t, tt.precision, d.Precision(), "Parse(%q)", tt.in)
		assert.Equal(t, tt.human, d.Human(), "Parse(%q)", tt.in)
	}
}

func TestCompare(t *testing.T) {
	assert.Equal(t, -1, MustParse("2025-10").Compare(MustParse("2025-10-01")), "a month sorts before its days")
	assert.Equal(t, 1, MustParse("2025-11-01").Compare(MustParse("2025-10-31")))
	assert.Equal(t, 0, MustParse("2014").Compare(MustParse("2014")))
}

func TestYAML(t *testing.T) {
	var v struct {
		A Date `yaml:"a"`
		B Date `yaml:"b"`
		C Date `yaml:"c"`
	}
	assert.NoError(t, yaml.Unmarshal([]byte("a: 2025-10-09\nb: 2025\nc: null\n"), &v))
	assert.Equal(t, "2025-10-09", v.A.String())
	assert.Equal(t, 1, v.A.Line)
	assert.Equal(t, "2025", v.B.String())
	assert.True(t, v.C.IsZero())
	_, ps := strictyaml.Decode("f.yaml", 1, []byte("a: 2025-10-32\n"), &v, "")
	if assert.Len(t, ps, 1) {
		assert.Equal(t, `f.yaml:1: a: date "2025-10-32" does not exist`, ps[0].String(), "a bad date is reported at its line")
	}
}

// TestStringIsPaddedDecimals holds String to fmt's zero-padded form.
func TestStringIsPaddedDecimals(t *testing.T) {
	for _, y := range []int{1, 7, 99, 999, 2025, 9999, 10000, -5} {
		for _, m := range []int{0, 1, 9, 10, 12, 123, -1} {
			for _, dd := range []int{0, 1, 9, 10, 31, 100, -2} {
				d := Date{Year: y, Month: m, Day: dd}
				want := ""
				switch d.Precision() {
				case "year":
					want = fmt.Sprintf("%04d", y)
				case "month":
					want = fmt.Sprintf("%04d-%02d", y, m)
				case "day":
					want = fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
				}
				assert.Equal(t, want, d.String(), "%d-%d-%d", y, m, dd)
			}
		}
	}
}
