package render

import (
	"testing"

	"github.com/stretchr/testify/assert"

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

func TestChartIDStaysInItsAttribute(t *testing.T) {
	tests := []struct{ measure, want string }{
		{"soldiers-killed", "chart-soldiers-killed"},
		{`x" onload="alert(1)`, "chart-x__onload__alert_1_"},
		{"two words", "chart-two_words"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, chartID(tt.measure), "chartID(%q)", tt.measure)
	}
}
