package strictyaml

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSyntaxErrorLines checks that syntax errors point at the line holding
// the mistake, whether the YAML parser or its scanner found it, in file
// lines when the document starts further down the file.
func TestSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		yaml  string
		first int
		want  string
	}{
		{"a: 1\nb: [x\nc: 3\n", 1, "f.yaml:2: did not find expected ',' or ']'"},
		{"a: 1\nb: {x: 1\n", 1, "f.yaml:2: did not find expected ',' or '}'"},
		{"a: 1\nb: ]\n", 1, "f.yaml:2: did not find expected node content"},
		{"a: 1\nb: 2: 3\n", 1, "f.yaml:2: mapping values are not allowed in this context"},
		{"a: 1\nb: \"open\nc: 3\n", 1, "f.yaml:2: found unexpected end of stream"},
		{"a:\n  b: 1\n c: 2\n", 1, "f.yaml:3: did not find expected key"},
		{"- a\nb: 1\n", 1, "f.yaml:2: did not find expected '-' indicator"},
		{"a: 1\nb: [x\nc: 3\n", 2, "f.yaml:3: did not find expected ',' or ']'"},
	}
	for _, tt := range tests {
		var v map[string]any
		_, ps := Decode("f.yaml", tt.first, []byte(tt.yaml), &v, "")
		if assert.Len(t, ps, 1, "yaml %q", tt.yaml) {
			assert.Equal(t, tt.want, ps[0].String(), "yaml %q", tt.yaml)
		}
	}
}

type Common struct {
	Skip  string `yaml:"-"`
	Title string `yaml:"title"`
}

type item struct {
	Name string `yaml:"name"`
}

type page struct {
	Common  `yaml:",inline"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Value   float64  `yaml:"value"`
	Items   []item   `yaml:"items"`
	Draft   bool
}

// TestProblemsAtTheirLines checks that every problem of a document is
// reported at its own line, that type errors say what was expected and that
// unknown keys list the keys that exist.
func TestProblemsAtTheirLines(t *testing.T) {
	tests := []struct {
		yaml string
		want []string
	}{
		{"value: many\n", []string{"f.yaml:1: `many` is not a number"}},
		{"value: twenty-three\n", []string{"f.yaml:1: `twenty-...` is not a number"}},
		{"aliases: {a: b}\n", []string{"f.yaml:1: found a mapping (key: value lines) where a list such as [a, b] belongs"}},
		{"name: [a, b]\n", []string{"f.yaml:1: found a list where a single piece of text belongs"}},
		{"draft: maybe\n", []string{"f.yaml:1: `maybe` is not true or false"}},
		{"name: A\nnmae: B\n", []string{`f.yaml:2: unknown key "nmae"; use one of title, name, aliases, value, items, draft`}},
		{"value: x\nnmae: B\n", []string{"f.yaml:1: `x` is not a number", `f.yaml:2: unknown key "nmae"; use one of title, name, aliases, value, items, draft`}},
		{"name: A\nname: B\n", []string{`f.yaml:2: key "name" appears twice`}},
		{"items:\n  - name: a\n  - nam: b\n", []string{`f.yaml:3: unknown key "nam"; use one of name`}},
		{"title: T\nname: N\naliases: [a]\nvalue: 2.5\ndraft: true\n", nil},
	}
	for _, tt := range tests {
		var v page
		_, ps := Decode("f.yaml", 1, []byte(tt.yaml), &v, "")
		var got []string
		for _, p := range ps {
			got = append(got, p.String())
		}
		assert.Equal(t, tt.want, got, "yaml %q", tt.yaml)
	}
	assert.Equal(t, []string{"title", "name", "aliases", "value", "items", "draft"}, Keys(page{}))
}

func TestDecodesValuesAndKeyLines(t *testing.T) {
	var v page
	dec, ps := Decode("f.md", 2, []byte("title: T\nname: N\naliases: [a, b]\nvalue: 2.5\nitems:\n  - name: x\ndraft: true\n"), &v, "front matter: ")
	assert.Empty(t, ps)
	assert.Equal(t, page{Common: Common{Title: "T"}, Name: "N", Aliases: []string{"a", "b"}, Value: 2.5, Items: []item{{"x"}}, Draft: true}, v)
	assert.Equal(t, 3, dec.Line("name", 1), "file line of a key")
	assert.Equal(t, 1, dec.Line("missing", 1), "an absent key")
}
