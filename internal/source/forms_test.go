package source

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The references, seed names, IDs and line ranges a build reads are read by
// hand; these are the regular expressions they were read with, which the
// hand-written readers must agree with on every input.
var (
	refForm   = regexp.MustCompile(`^@?(` + IDForm + `):(\d+)(?:-(\d+))?$`)
	nameForm  = regexp.MustCompile(`^(` + IDForm + `)_[0-9a-f]+\.txt$`)
	idForm    = regexp.MustCompile(`^` + IDForm + `$`)
	rangeForm = regexp.MustCompile(`^(\d+)(?:\s*-\s*(\d+))?$`)
)

// formCases are inputs around every edge of the forms.
var formCases = []string{
	"", " ", "@", ":", "-", "000", "001", "999", "1000", "0000", "0100", "12", "7", "١٢٣",
	"000:1", "000:42", "@000:42", "@@000:42", " 000:42 ", "000:42-44", "000:42-", "000:-44", "000:4a",
	"1000:3", "0100:3", "12:3", "000:42-44-46", "000:42:44", "000: 42", "000 :42", "+000:42", "000:+42",
	"000:00042", "000:99999999999999999999", "000:42 - 44", "@000:42-44\n", "\t000:1\t",
	"000_abc.txt", "000_.txt", "000_ABC.txt", "000_ab_cd.txt", "0000_ab.txt", "1000_0f.txt", "999_0.txt",
	"000_ab.TXT", "000_ab.txt.bak", "_ab.txt", "000ab.txt", "a000_ab.txt", "000_ab.txt ",
	"12-40", "12 - 40", "12\t-\n40", "12", " 12 ", "12-", "-40", "12--40", "12 40", "12-40-50", "12\v-40",
}

func TestReferencesAreReadAsTheirForm(t *testing.T) {
	for _, s := range formCases {
		m := refForm.FindStringSubmatch(strings.TrimSpace(s))
		r, err := ParseRef(s)
		if m == nil {
			assert.Error(t, err, "%q", s)
			continue
		}
		if assert.NoError(t, err, "%q", s) {
			first, _ := strconv.Atoi(m[2])
			last := first
			if m[3] != "" {
				last, _ = strconv.Atoi(m[3])
			}
			assert.Equal(t, Ref{Seed: m[1], First: first, Last: last}, r, "%q", s)
		}
	}
}

func TestSeedNamesAndIDsAreReadAsTheirForm(t *testing.T) {
	for _, s := range formCases {
		m := nameForm.FindStringSubmatch(s)
		id, ok := seedID(s)
		assert.Equal(t, m != nil, ok, "%q", s)
		if m != nil {
			assert.Equal(t, m[1], id, "%q", s)
		}
		assert.Equal(t, idForm.MatchString(s), IsID(s), "%q", s)
	}
}

func TestLineRangesAreReadAsTheirForm(t *testing.T) {
	for _, s := range formCases {
		m := rangeForm.FindStringSubmatch(strings.TrimSpace(s))
		first, last, ok := parseRange(s)
		assert.Equal(t, m != nil, ok, "%q", s)
		if m != nil {
			f, _ := strconv.Atoi(m[1])
			l := f
			if m[2] != "" {
				l, _ = strconv.Atoi(m[2])
			}
			assert.Equal(t, [2]int{f, l}, [2]int{first, last}, "%q", s)
		}
	}
}

func FuzzFormsAgreeWithTheirRegexps(f *testing.F) {
	for _, s := range formCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseRef(s)
		assert.Equal(t, refForm.MatchString(strings.TrimSpace(s)), err == nil, "%q", s)
		_, ok := seedID(s)
		assert.Equal(t, nameForm.MatchString(s), ok, "%q", s)
		assert.Equal(t, idForm.MatchString(s), IsID(s), "%q", s)
		_, _, ok = parseRange(s)
		assert.Equal(t, rangeForm.MatchString(strings.TrimSpace(s)), ok, "%q", s)
	})
}
