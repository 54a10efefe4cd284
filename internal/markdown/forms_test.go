package markdown

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dossier-project/dossier/internal/source"
)

// The expressions citations and wiki links were read with, which the
// hand-written readers must agree with on every line.
var (
	citeRef     = source.IDForm + `:\d+(?:-\d+)?`
	citeRegexp  = regexp.MustCompile(`^\[@(` + citeRef + `(?:\s*;\s*@` + citeRef + `)*)\]`)
	wikiRegexp  = regexp.MustCompile(`^\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]`)
	inlineCases = []string{
		"", "[", "[@", "[@]", "[@000:1]", "[@000:1] and more", "[@000:1-3]", "[@000:1;@001:2]", "[@000:1 ; @001:2]",
		"[@000:1;\t@001:2-4]", "[@000:1; 001:2]", "[@000:1 ;@001:2 ]", "[@ 000:1]", "[@000:1 ]", "[@@000:1]",
		"[@000:1;@@001:2]", "[@000:1;]", "[@000:1;;@001:2]", "[@0000:1]", "[@1000:1]", "[@12:1]", "[@000:]",
		"[@000:1-]", "[@000:1\v;@001:2]", "[@000:1;\u00a0@001:2]", "[@000:1]]", "[@000:1\n]", "[@000:1;\n@001:2]",
		"[[", "[[]]", "[[a]]", "[[ a ]]", "[[a|b]]", "[[a|]]", "[[|b]]", "[[a|b|c]]", "[[a]b]]", "[[a\n]]", "[[a|b\n]]",
		"[[a]] tail", "[[a|b]]]", "[[a[b]]", "[[a|b[c]]", "[[ ]]", "[[a]", "[[a|b]", "[[é|ü]]", "[[a||b]]",
	}
)

func TestCitationsAndWikiLinksAreReadAsTheirForm(t *testing.T) {
	for _, s := range inlineCases {
		checkInlineForms(t, s)
	}
}

func FuzzInlineFormsAgreeWithTheirRegexps(f *testing.F) {
	for _, s := range inlineCases {
		f.Add(s)
	}
	f.Fuzz(checkInlineForms)
}

func checkInlineForms(t *testing.T, s string) {
	m := citeRegexp.FindStringSubmatch(s)
	refs, n, ok := citeForm([]byte(s))
	if assert.Equal(t, m != nil, ok, "cite %q", s) && ok {
		assert.Equal(t, m[1], refs, "cite %q", s)
		assert.Equal(t, len(m[0]), n, "cite %q", s)
	}
	m = wikiRegexp.FindStringSubmatch(s)
	target, label, n, ok := wikiForm([]byte(s))
	if assert.Equal(t, m != nil, ok, "wiki %q", s) && ok {
		assert.Equal(t, [2]string{m[1], m[2]}, [2]string{target, label}, "wiki %q", s)
		assert.Equal(t, len(m[0]), n, "wiki %q", s)
	}
}
