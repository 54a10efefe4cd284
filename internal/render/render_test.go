package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/source"
)

func TestRelative(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "actors/index.html", "actors/index.html"},
		{"actors/index.html", "index.html", "../index.html"},
		{"actors/khawaja-asif/index.html", "sources/000/index.html", "../../sources/000/index.html"},
		{"404.html", "assets/style.css", "assets/style.css"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, relative(tt.from, tt.to), "relative(%q, %q)", tt.from, tt.to)
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		value     float64
		qualifier string
		want      string
	}{
		{23, "", "23"},
		{2414, "", "2,414"},
		{600, "at least", "at least 600"},
		{14535, "", "14,535"},
		{737000, "about", "about 737,000"},
		{1500000, "more than", "more than 1.5 million"},
		{1600000000, "", "1.6 billion"},
		{1234567, "", "1,234,567"},
		{2.5, "", "2.5"},
	}
	for _, tt := range tests {
		f := &content.Figure{Value: tt.value, Qualifier: tt.qualifier}
		assert.Equal(t, tt.want, FormatValue(f), "FormatValue(%v, %q)", tt.value, tt.qualifier)
	}
}

func TestHighlightLineEscapes(t *testing.T) {
	h, err := highlightLine(`He said "<script>alert(1)</script>" on 9 October, killing 23.`)
	assert.NoError(t, err)
	assert.NotContains(t, string(h), "<script>")
	assert.Contains(t, string(h), "&lt;script&gt;")
	assert.Contains(t, string(h), `<span class="m">23</span>`, "numbers are highlighted")
}

// TestBarsScaleAndEscape: each row of a comparison gets a bar in
// proportion to the largest figure, coloured by its claimant's side; the
// side comes from front matter, so it must be escaped.
func TestBarsScaleAndEscape(t *testing.T) {
	rows := []figureRow{
		{Display: "at least 58", Number: 58, Side: `x" onload="alert(1)`},
		{Display: "23", Number: 23, Side: "pakistan"},
		{Display: "none", Number: 0},
	}
	bars(rows)
	assert.NotContains(t, string(rows[0].Bar), `" onload="`, "the side is escaped")
	assert.Contains(t, string(rows[0].Bar), `width="100.0"`, "the largest figure fills its cell")
	assert.Contains(t, string(rows[1].Bar), `<rect class="side-pakistan" width="39.7"`, "23 of 58 fills 39.7%")
	assert.Contains(t, string(rows[2].Bar), `class="side-none"`, "a claimant without a side gets the neutral colour")
	assert.Contains(t, string(rows[2].Bar), `width="0.5"`, "a zero still shows a sliver")
	for _, r := range rows {
		assert.Contains(t, string(r.Bar), `aria-hidden="true"`, "%s: the bar is decoration; the table writes the value", r.Display)
	}
}

// highlightLine returns one line's text as chroma's HTML formatter writes
// its tokens; writeLine writes the same, faster.
func highlightLine(text string) (template.HTML, error) {
	var b bytes.Buffer
	if err := lineFormatter.Format(&b, styles.Fallback, chroma.Literator(newsTokens(text)...)); err != nil {
		return "", err
	}
	// chroma escapes token text; its output is trusted.
	return template.HTML(b.String()), nil
}

// TestChromaStylesAreChromas: the styles the source viewer's stylesheet is
// written from are chroma's own, and the stylesheet is theirs.
func TestChromaStylesAreChromas(t *testing.T) {
	var want bytes.Buffer
	for _, name := range []string{"github", "github-dark"} {
		got, err := chromaStyle(name)
		require.NoError(t, err)
		lib := styles.Get(name)
		require.Equal(t, name, lib.Name, "chroma has a style %s", name)
		assert.Equal(t, lib.Name, got.Name)
		for _, tt := range append(lib.Types(), got.Types()...) {
			assert.Equal(t, lib.Get(tt), got.Get(tt), "%s: %v", name, tt)
		}
		if name == "github-dark" {
			want.WriteString("@media (prefers-color-scheme: dark) {\n")
		}
		require.NoError(t, lineFormatter.WriteCSS(&want, lib))
	}
	want.WriteString("}\n")
	var got bytes.Buffer
	require.NoError(t, ChromaCSS(&got))
	assert.Equal(t, want.String(), got.String())
}

// TestWriteLineMatchesChroma: the source viewer writes its token spans
// itself, and must write exactly what chroma's formatter would.
func TestWriteLineMatchesChroma(t *testing.T) {
	lines := []string{
		`He said "<script>alert(1)</script>" on 9 October, killing 23.`,
		"Officials said on Monday that 1,500 families — about $4.5m — “left” Kabul’s outskirts in Oct. 2025.",
		"", "plain", `a "b" c & d ' e`,
	}
	seeds, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, l := range lines {
		want, err := highlightLine(l)
		require.NoError(t, err)
		var got strings.Builder
		writeLine(&got, l)
		assert.Equal(t, string(want), got.String(), "line %q", l)
	}
}

func TestListingKeepsOrderAndListsOnce(t *testing.T) {
	type ev struct {
		name  string
		slugs []string
	}
	evs := []ev{{"a", []string{"x", "y"}}, {"b", []string{"y", "y", "x"}}, {"c", nil}, {"d", []string{"x"}}}
	got := map[string][]string{}
	for k, xs := range listing(evs, func(e ev) []string { return e.slugs }) {
		for _, x := range xs {
			got[k] = append(got[k], x.name)
		}
	}
	assert.Equal(t, map[string][]string{"x": {"a", "b", "d"}, "y": {"a", "b"}}, got)
}

// TestCachedKeyTellsEveryInputApart: a cached template's output is keyed by
// the layout, the template, the depth of the page and the variants, with
// their kinds (a string "1" is not the number 1); what cannot be a variant
// is refused.
func TestCachedKeyTellsEveryInputApart(t *testing.T) {
	key := func(layout, name string, depth int, variants ...any) string {
		t.Helper()
		k, err := cachedKey(layout, name, depth, variants)
		require.NoError(t, err)
		return k
	}
	keys := []string{
		key("actor", "site-header", 2, "actors"),
		key("event", "site-header", 2, "actors"),
		key("actor", "site-footer", 2, "actors"),
		key("actor", "site-header", 1, "actors"),
		key("actor", "site-header", 2, "timeline"),
		key("actor", "site-header", 2),
		key("actor", "site-header", 2, "actors", true),
		key("actor", "site-header", 2, "1"),
		key("actor", "site-header", 2, 1),
		key("actor", "site-header", 2, "a", "b"),
		key("actor", "site-header", 2, "a:b"),
		key("actor", "site-heade", 12, "actors"),
	}
	seen := map[string]int{}
	for i, k := range keys {
		if j, ok := seen[k]; ok {
			t.Errorf("keys %d and %d are the same: %q", j, i, k)
		}
		seen[k] = i
	}
	assert.Equal(t, key("actor", "site-header", 2, "actors", 3), key("actor", "site-header", 2, "actors", 3), "the same inputs, the same key")
	for _, v := range []any{nil, []string{"a"}, map[string]int{}, struct{}{}} {
		_, err := cachedKey("actor", "site-header", 2, []any{"actors", v})
		assert.ErrorContains(t, err, `variant 2 of "site-header" is`, "%#v", v)
	}
}

// TestRefListIsJSONOfItsStrings holds refList's JSON to encoding/json's of
// the references' strings: single lines, ranges, none, and an ID that
// needs escaping (no seed has one, but a list must not depend on it).
func TestRefListIsJSONOfItsStrings(t *testing.T) {
	type row struct {
		Refs refList `json:"refs"`
	}
	type want struct {
		Refs []string `json:"refs"`
	}
	for _, refs := range [][]source.Ref{
		nil,
		{},
		{{Seed: "000", First: 1, Last: 1}},
		{{Seed: "007", First: 12, Last: 14}, {Seed: "1000", First: 3, Last: 3}, {Seed: "1000", First: 0, Last: 0}},
		{{Seed: `a"b\c<é>`, First: 2, Last: 2}, {Seed: "001", First: 5, Last: 9}},
	} {
		strs := []string{}
		for _, r := range refs {
			strs = append(strs, r.String())
		}
		for _, escapeHTML := range []bool{true, false} {
			encode := func(v any) string {
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(escapeHTML)
				require.NoError(t, enc.Encode(v))
				return b.String()
			}
			assert.Equal(t, encode(want{strs}), encode(row{refs}), "%v, escaping HTML %v", refs, escapeHTML)
		}
	}
}
