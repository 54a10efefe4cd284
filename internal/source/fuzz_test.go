package source

import (
	"strings"
	"testing"
)

// FuzzDecodeSplit feeds arbitrary bytes through decoding and article
// detection: neither may panic, and the articles must cover every line once.
func FuzzDecodeSplit(f *testing.F) {
	f.Add([]byte("Headline\nPublished On 26 Oct 202526 Oct 2025\nShare\nBody text.\n"))
	f.Add([]byte("\xef\xbb\xbfa\r\nb\r\n"))
	f.Add([]byte("Islamabad, Pakistan – text\n\nISLAMABAD: more\nUpdated 01 November 2025\n"))
	f.Add([]byte("bad \xff\x00 bytes"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		texts, problems := Decode("f.txt", data)
		if texts == nil {
			if len(problems) == 0 {
				t.Fatalf("Decode(%q) returned no lines and no problem", data)
			}
			return
		}
		lines := make([]Line, len(texts))
		for i, s := range texts {
			lines[i] = Line{N: i + 1, Text: s, Boilerplate: boilerplateReason(s)}
		}
		markDuplicates(lines)
		next := 1
		for _, a := range Split(lines) {
			if a.First != next || a.Last < a.First {
				t.Fatalf("Split(%q): article %d-%d does not continue at %d", data, a.First, a.Last, next)
			}
			next = a.Last + 1
		}
		if next != len(lines)+1 {
			t.Fatalf("Split(%q) covers %d of %d lines", data, next-1, len(lines))
		}
	})
}

// FuzzParseRef checks that any accepted reference prints back to itself.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"000:42", "@003:7-9", "00:4", "000:x", "999:0-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		again, err := ParseRef(r.String())
		if err != nil || again != r {
			t.Fatalf("ParseRef(%q) = %v, which does not round-trip (%v, %v)", s, r, again, err)
		}
		if !strings.Contains(s, r.Seed) {
			t.Fatalf("ParseRef(%q) invented seed %q", s, r.Seed)
		}
	})
}
