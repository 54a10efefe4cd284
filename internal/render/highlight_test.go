package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// regexpNewsLexer is the definition newsTokens implements by hand.
var regexpNewsLexer = chroma.MustNewLexer(&chroma.Config{Name: "news"}, func() chroma.Rules {
	return chroma.Rules{"root": {
		{Pattern: `“[^”]*”|"[^"\n]*"`, Type: chroma.LiteralString},
		{Pattern: `(?i)\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?=\W|$)`, Type: chroma.LiteralDate},
		{Pattern: `\$?\d[\d,]*(?:\.\d+)?%?`, Type: chroma.LiteralNumber},
		{Pattern: `[^“"\d$A-Za-z]+|[A-Za-z]+|\$|.`, Type: chroma.Text},
	}}
})

func TestNewsTokensMatchRegexpRules(t *testing.T) {
	lines := []string{
		"", "plain words only", `He said "<script>alert(1)</script>" on 9 October, killing 23.`,
		`an unclosed "quote and “another`, "“curly” and \"straight\" quotes", "$1.6 billion, 46% and $ alone, 2,414.5.",
		"MONDAY, monday, Mondays, Monday's, Mayor May may", "Jan. 5, Sept. 9, Sep. 1, Dec.", "9October October9 _Monday",
		"Quetta’s “deadliest” day: ٣ casualties, ½ done, 12:59am (20:29 GMT on Sunday)", "éMonday Mondayé naïve café Nov.",
		"a.b 3. 3.x .5 $$5 5%% 1,,2",
	}
	seeds, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, line := range lines {
		it, err := regexpNewsLexer.Tokenise(nil, line)
		require.NoError(t, err)
		want := it.Tokens()
		got := newsTokens(line)
		if len(want) == 0 {
			want = nil
		}
		assert.Equal(t, want, got, "tokens of %q", line)
	}
}

// TestWordTestsOfTheViewer holds isWord's ASCII shortcut to the unicode
// classes it stands for, and isDateWord to the set it files.
func TestWordTestsOfTheViewer(t *testing.T) {
	for r := rune(0); r < 0x400; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Pc, r)
		assert.Equal(t, want, isWord(r), "isWord(%q)", r)
	}
	for _, w := range []string{"monday", "may", "sept.", "sep.", "dec.", "december", "mon", "jan", "march.", "", "ma", "mayday", "sept", "\xff", "0", "é"} {
		assert.Equal(t, dateWords[w], isDateWord([]byte(w)), "isDateWord(%q)", w)
	}
	for w := range dateWords {
		assert.True(t, isDateWord([]byte(w)), w)
	}
}
