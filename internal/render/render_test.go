package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
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

// TestChartEscapesWhatItWrites: labels and titles come from front matter,
// so a chart must escape them.
func TestChartEscapesWhatItWrites(t *testing.T) {
	svg := string(barChart("m-soldiers-killed", `Killed <script>`, []figureRow{
		{Label: `Army" onload="alert(1)`, Display: "23", Number: 23, Side: "pakistan"},
		{Label: "Taliban & co", Display: "at least 58", Number: 58},
	}))
	assert.Contains(t, svg, `aria-labelledby="m-soldiers-killed-t m-soldiers-killed-d"`)
	assert.NotContains(t, svg, "<script>")
	assert.NotContains(t, svg, `" onload="`)
	assert.Contains(t, svg, "Taliban &amp; co")
	assert.Contains(t, svg, `class="bar side-none"`, "a claimant without a side gets the neutral colour")
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
