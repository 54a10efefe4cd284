package diag

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.yaml.in/yaml/v3"
)

// TestYAMLLines checks that YAML problems point at the line holding the
// mistake, whether the YAML parser or its scanner found it.
func TestYAMLLines(t *testing.T) {
	tests := []struct {
		yaml string
		want string
	}{
		{"a: 1\nb: [x\nc: 3\n", "f.yaml:2: did not find expected ',' or ']'"},
		{"a: 1\nb: {x: 1\n", "f.yaml:2: did not find expected ',' or '}'"},
		{"a: 1\nb: ]\n", "f.yaml:2: did not find expected node content"},
		{"a: 1\nb: 2: 3\n", "f.yaml:2: mapping values are not allowed in this context"},
		{"a: 1\nb: \"open\nc: 3\n", "f.yaml:2: found unexpected end of stream"},
		{"a:\n  b: 1\n c: 2\n", "f.yaml:3: did not find expected key"},
		{"- a\nb: 1\n", "f.yaml:2: did not find expected '-' indicator"},
	}
	for _, tt := range tests {
		var v any
		err := yaml.Unmarshal([]byte(tt.yaml), &v)
		if !assert.Error(t, err, "yaml %q", tt.yaml) {
			continue
		}
		assert.Equal(t, tt.want, YAML("f.yaml", "", err).String(), "yaml %q", tt.yaml)
	}
}

type Common struct {
	Skip  string `yaml:"-"`
	Title string `yaml:"title"`
}

type page struct {
	Common  `yaml:",inline"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Value   float64  `yaml:"value"`
	Draft   bool
	hidden  int
}

// TestYAMLPlainWords checks that type errors say what was expected and that
// unknown keys list the keys that exist.
func TestYAMLPlainWords(t *testing.T) {
	tests := []struct {
		yaml string
		want string
	}{
		{"value: many\n", "f.yaml:1: `many` is not a number"},
		{"aliases: {a: b}\n", "f.yaml:1: found a mapping (key: value lines) where a list such as [a, b] belongs"},
		{"name: [a, b]\n", "f.yaml:1: found a list where a single piece of text belongs"},
		{"draft: maybe\n", "f.yaml:1: `maybe` is not true or false"},
		{"name: A\nnmae: B\n", `f.yaml:2: unknown key "nmae"; use one of title, name, aliases, value, draft`},
		{"value: x\nnmae: B\n", "f.yaml:1: `x` is not a number; line 2: unknown key \"nmae\"; use one of title, name, aliases, value, draft"},
	}
	for _, tt := range tests {
		dec := yaml.NewDecoder(strings.NewReader(tt.yaml))
		dec.KnownFields(true)
		var v page
		err := dec.Decode(&v)
		if !assert.Error(t, err, "yaml %q", tt.yaml) {
			continue
		}
		assert.Equal(t, tt.want, YAML("f.yaml", "", err, &v).String(), "yaml %q", tt.yaml)
	}
	assert.Equal(t, []string{"title", "name", "aliases", "value", "draft"}, Keys(page{}))
}
