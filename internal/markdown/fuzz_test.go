package markdown

import (
	"bytes"
	"strings"
	"testing"
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
