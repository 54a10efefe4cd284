package diag

import (
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
