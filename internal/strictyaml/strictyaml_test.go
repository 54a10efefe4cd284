package strictyaml

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
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

// selfDecoded decodes itself, as a date does; it fails on "bad".
type selfDecoded struct{ Got string }

func (s *selfDecoded) UnmarshalYAML(n *yaml.Node) error {
	if n.Value == "bad" {
		return fmt.Errorf("%q is not a good value", n.Value)
	}
	s.Got = "self:" + n.Value
	return nil
}

// TestScalarsDecodeAsTheLibraryDecodesThem decodes each value into a
// string and into a type that decodes itself, as Decode does without a
// decoder of the library's for each value, and as the library's
// Node.Decode does: the same values, the same errors.
func TestScalarsDecodeAsTheLibraryDecodesThem(t *testing.T) {
	values := []string{`plain text`, `"quoted"`, `'single'`, `12`, `-3.5`, `0x1F`, `.inf`, `true`, `no`,
		`2025-10-01`, `2025-10-01T12:00:00Z`, `~`, `null`, `Null`, `""`, `!!str 12`, `!!str null`, `!!binary aGVsbG8=`,
		`>-\n  folded\n  text`, `|\n  literal\n  text`, `"a: colon"`, `<<`, `bad`, `"bad"`, `[1, 2]`, `{a: 1}`}
	type doc struct {
		S    string      `yaml:"s"`
		Self selfDecoded `yaml:"self"`
	}
	for _, v := range values {
		for _, key := range []string{"s", "self"} {
			src := key + ": " + strings.ReplaceAll(v, `\n`, "\n")
			var got doc
			_, ps := Decode("f.yaml", 1, []byte(src), &got, "")
			var root yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte(src), &root), src)
			var want doc
			var err error
			if key == "s" {
				err = root.Content[0].Content[1].Decode(&want.S)
			} else {
				err = root.Content[0].Content[1].Decode(&want.Self)
			}
			if err != nil {
				require.NotEmpty(t, ps, "%q fails to decode, as the library says: %v", src, err)
				continue
			}
			assert.Empty(t, ps, src)
			assert.Equal(t, want, got, src)
		}
	}
}
