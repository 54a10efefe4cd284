package source

import (
	"strings"
	"testing"
	"testing/fstest"
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

// FuzzLoadMeta loads a fixed two-article seed with arbitrary bytes as
// seeds/sources.yaml. Loading may report problems, each naming a file, but
// must never panic; when it reports none, the articles cover every line once.
func FuzzLoadMeta(f *testing.F) {
	f.Add([]byte("\"000\":\n  articles:\n    - lines: 1-2\n      title: A\n    - lines: 3-4\n      published: 2025-10\n"))
	f.Add([]byte("\"000\":\n  file: 000_ab.txt\n  ingested: 2025-11-20\n"))
	f.Add([]byte("\"000\":\n  articles:\n    - lines: 3-1\n"))
	f.Add([]byte("000:\n  articles: [{lines: 1-9}]\n"))
	f.Add([]byte("\"000\": {articles: [{lines: x}], colour: red}\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("\"001\": {}\n"))
	f.Add([]byte("&a [*a]"))
	seed := []byte("Headline one\nPublished On 12 Oct 2025\nSecond headline\nBody.\n")
	f.Fuzz(func(t *testing.T, meta []byte) {
		c, problems := Load(fstest.MapFS{
			"seeds/000_ab.txt":   {Data: seed},
			"seeds/sources.yaml": {Data: meta},
		})
		for _, p := range problems {
			if p.File == "" || p.Message == "" {
				t.Fatalf("sources.yaml %q: problem without a file or message: %#v", meta, p)
			}
		}
		if problems.Errors() > 0 {
			return
		}
		s := c.Seed("000")
		if s == nil {
			t.Fatalf("sources.yaml %q: seed 000 lost without an error", meta)
		}
		next := 1
		for _, a := range s.Articles {
			if a.First != next || a.Last < a.First {
				t.Fatalf("sources.yaml %q: article %d-%d does not continue at %d", meta, a.First, a.Last, next)
			}
			next = a.Last + 1
		}
		if next != len(s.Lines)+1 {
			t.Fatalf("sources.yaml %q: articles cover %d of %d lines", meta, next-1, len(s.Lines))
		}
	})
}
