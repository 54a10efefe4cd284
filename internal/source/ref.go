package source

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Ref names a range of lines in a seed: 000:42 or 000:42-44.
type Ref struct {
	Seed        string
	First, Last int
}

// IDForm is the pattern of a seed ID: three digits ("000" to "999"), then
// 1000, 1001, … without leading zeros, so every number has one spelling.
const IDForm = `(?:\d{3}|[1-9]\d{3,})`

// ParseRef reads "000:42", "000:42-44" or the same with a leading "@".
// It checks the form only; Corpus.Resolve checks that the lines exist.
// (A build reads tens of thousands of references and seed names: they are
// read by hand, not by regular expressions, which took it 10 ms at 5,000
// seeds; the tests hold both readings equal.)
func ParseRef(s string) (Ref, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "@")
	id, lines, _ := strings.Cut(t, ":")
	first, last, ranged := strings.Cut(lines, "-")
	if !IsID(id) || !digits(first) || ranged && !digits(last) {
		return Ref{}, fmt.Errorf("%q is not a source reference like 000:42 or 000:42-44", s)
	}
	r := Ref{Seed: id}
	r.First, _ = strconv.Atoi(first)
	r.Last = r.First
	if ranged {
		r.Last, _ = strconv.Atoi(last)
	}
	return r, nil
}

// IsID reports whether s is a seed ID, as IDForm spells it.
func IsID(s string) bool { return digits(s) && (len(s) == 3 || len(s) > 3 && s[0] != '0') }

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// CompareIDs orders seed IDs by number: "999" before "1000".
func CompareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// String formats the reference as 000:42 or 000:42-44.
func (r Ref) String() string {
	if r.Last == r.First {
		return r.Seed + ":" + strconv.Itoa(r.First)
	}
	return r.Seed + ":" + strconv.Itoa(r.First) + "-" + strconv.Itoa(r.Last)
}

// Resolve returns the cited lines, or an error saying what is wrong with the reference.
func (c *Corpus) Resolve(r Ref) ([]Line, error) {
	s := c.Seed(r.Seed)
	switch {
	case s == nil && c.rejected[r.Seed] != "":
		return nil, fmt.Errorf("citation %s: seed %s (%s) could not be loaded; fix the problem reported for that file", r, r.Seed, c.rejected[r.Seed])
	case s == nil:
		return nil, fmt.Errorf("citation %s: there is no seed %s", r, r.Seed)
	case r.First < 1:
		return nil, fmt.Errorf("citation %s: lines count from 1", r)
	case r.Last < r.First:
		return nil, fmt.Errorf("citation %s: reversed range; write %s:%d-%d", r, r.Seed, r.Last, r.First)
	case r.Last > len(s.Lines):
		return nil, fmt.Errorf("citation %s: seed %s has only %d lines", r, r.Seed, len(s.Lines))
	}
	return s.Lines[r.First-1 : r.Last], nil
}

// UnmarshalYAML reads a reference written as "000:42" or "000:42-44".
func (r *Ref) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("a source reference is one value like \"000:42\"")
	}
	v, err := ParseRef(n.Value)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON writes the reference as "000:42".
func (r Ref) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(r.String())), nil }
