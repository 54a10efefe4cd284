package text

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAppendJSONIsEncodingJSON holds AppendJSON to encoding/json, with and
// without HTML escaping, on strings holding everything either escapes and
// bytes that are not UTF-8.
func TestAppendJSONIsEncodingJSON(t *testing.T) {
	pieces := []string{"", "plain", `"`, `\`, "<b>", "&amp;", ">", "\t\n\r\b\f", "\x00\x01\x1f\x7f", "\xff", "\xe2\x80",
		"\u2028", "\u2029", "café", "“curly” ’s", "\ufffd", "😀", "'"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		html, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, string(html), string(AppendJSON(nil, s, true)), "%q", s)
		var plain bytes.Buffer
		enc := json.NewEncoder(&plain)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		assert.Equal(t, strings.TrimSuffix(plain.String(), "\n"), string(AppendJSON([]byte{}, s, false)), "%q", s)
	}
}

// TestAppendJSONFloatIsEncodingJSON holds AppendJSONFloat to json.Marshal
// on both sides of its exponent cut-offs.
func TestAppendJSONFloatIsEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, -0.5, 1, 2414, 1.5e6, 123.456, 1e-6, 9.99e-7, 1e-9, 1.5e-10, 1e20, 1e21, -3e22, 0.1 + 0.2, 1e300} {
		want, err := json.Marshal(f)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(AppendJSONFloat(nil, f)), "%v", f)
	}
}

// BenchmarkAppendJSON writes source lines as the inbox and search files do.
func BenchmarkAppendJSON(b *testing.B) {
	line := `In Kabul, officials said on Monday that talks would resume within days, and that 120 lorries were waiting at the “Torkham” crossing — <a>.`
	buf := make([]byte, 0, 512)
	for b.Loop() {
		buf = AppendJSON(buf[:0], line, true)
	}
}
