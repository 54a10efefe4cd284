package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/internal/source"
)

// FuzzMarkdown parses, analyses and renders arbitrary page bodies. Nothing
// may panic, and no raw <script> may reach the output.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"A [@000:42] b [@000:1-3; @002:7] [[khawaja-asif|him]]",
		"[see [@000:3]](http://x) [^1]\n\n[^1]: note [@000:9]",
		"Bad [@00:4] and [[unclosed and `[@x:9]` and \\[@000:5]",
		"<script>alert(1)</script> [x](javascript:alert(1))",
		"- item [@000:1]\n- \"quote\" [@000:2]\n\n## H [@001:1]",
	} {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		doc := m.Parse(src)
		_ = Blocks(doc, src)
		_ = Lint(doc, src)
		for _, b := range Blocks(doc, src) {
			_ = b.Quotes()
		}
		var out bytes.Buffer
		if err := m.Render(&out, src, doc); err != nil {
			t.Fatalf("Render(%q): %v", s, err)
		}
		if strings.Contains(strings.ToLower(out.String()), "<script") {
			t.Fatalf("Render(%q) let a script through: %s", s, out.String())
		}
	})
}

// FuzzInlineParsers checks the citation and wikilink parsers. On arbitrary
// text, every node they produce must sit at a "[@" or "[[" of the source,
// with well-formed references and a target without brackets, bars or line
// breaks, and every malformed form Lint reports must be in the source. A
// citation built from arbitrary numbers must parse back to the same refs.
func FuzzInlineParsers(f *testing.F) {
	f.Add("A [@000:42] b [@000:1-3; @002:7] [[khawaja-asif|him]]", uint16(0), uint32(42), uint32(44))
	f.Add("[[x]] [[ ]] [[a|]] [[|b]] [[a|b|c]] [[a\nb]]", uint16(999), uint32(1), uint32(1))
	f.Add("[@000:1-2;@001:3 ; @002:4] [@000:] [@:1] [@0000:1] [@000:1-]", uint16(7), uint32(5), uint32(3))
	f.Add("`[@000:1]` \\[@000:2] [x]([@000:3]) ![[[@000:4]]]", uint16(12), uint32(0), uint32(0))
	f.Add("> quote [@000:1]\n>\n> - [[Khawaja Asif]] [@001:2]\n\n| a | [@000:3] |\n|---|---|\n| [[b]] | c |", uint16(500), uint32(4294967295), uint32(1))
	m := New()
	f.Fuzz(func(t *testing.T, s string, seed uint16, first, last uint32) {
		src := []byte(s)
		doc := m.Parse(src)
		cites, links := Nodes(doc)
		for _, c := range cites {
			if c.Offset < 0 || !bytes.HasPrefix(src[c.Offset:], []byte("[@")) {
				t.Fatalf("parsing %q: citation at offset %d is not at a \"[@\"", s, c.Offset)
			}
			if len(c.Refs) == 0 {
				t.Fatalf("parsing %q: citation at offset %d has no refs", s, c.Offset)
			}
			for _, r := range c.Refs {
				if len(r.Seed) != 3 || r.First < 0 || r.Last < 0 {
					t.Fatalf("parsing %q: malformed ref %#v", s, r)
				}
			}
		}
		for _, l := range links {
			if l.Offset < 0 || !bytes.HasPrefix(src[l.Offset:], []byte("[[")) {
				t.Fatalf("parsing %q: wikilink at offset %d is not at a \"[[\"", s, l.Offset)
			}
			if l.Target == "" || strings.ContainsAny(l.Target, "[]|\n") || strings.ContainsAny(l.Label, "[]\n") {
				t.Fatalf("parsing %q: malformed wikilink target %q label %q", s, l.Target, l.Label)
			}
		}
		for _, mf := range Lint(doc, src) {
			if mf.Offset < 0 || mf.Offset+len(mf.Text) > len(src) || string(src[mf.Offset:mf.Offset+len(mf.Text)]) != mf.Text {
				t.Fatalf("Lint(%q) reported %q at %d, which is not in the source", s, mf.Text, mf.Offset)
			}
		}
		for _, b := range Blocks(doc, src) {
			if b.Offset < 0 || b.Offset > len(src) {
				t.Fatalf("Blocks(%q): offset %d outside the source", s, b.Offset)
			}
		}

		want := source.Ref{Seed: fmt.Sprintf("%03d", seed%1000), First: int(first), Last: int(last)}
		cite := fmt.Sprintf("Text [@%s:%d-%d].", want.Seed, first, last)
		got, _ := Nodes(m.Parse([]byte(cite)))
		if len(got) != 1 || len(got[0].Refs) != 1 || got[0].Refs[0] != want {
			t.Fatalf("parsing %q: want one citation of %v, got %#v", cite, want, got)
		}
	})
}
