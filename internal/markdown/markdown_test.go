package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden renders each testdata/*.md and compares with the .html beside it.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	m := New()
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			require.NoError(t, err)
			doc := m.Parse(src)
			cites, links := Nodes(doc)
			for i, c := range cites {
				for j, r := range c.Refs {
					c.Num = append(c.Num, i+j+1)
					c.Href = append(c.Href, fmt.Sprintf("sources/%s/index.html#L%d", r.Seed, r.First))
					c.ID = append(c.ID, fmt.Sprintf("cite-%d-%d", i, j))
					c.Tip = append(c.Tip, "Cited <text> & more")
					c.About = append(c.About, "Title, Publisher, 1 October 2025")
					where := fmt.Sprintf("line %d", r.First)
					if r.Last > r.First {
						where = fmt.Sprintf("lines %d–%d", r.First, r.Last)
					}
					c.Where = append(c.Where, where)
				}
			}
			for _, l := range links {
				if l.Target != "missing" {
					l.Href, l.Title = "actors/"+l.Target+"/index.html", "Title of "+l.Target
				}
			}
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if v, ok := n.(*Narration); ok && entering && v.Quote == "diplomatic pawns" {
					v.Voice = "Test Wire"
				}
				return ast.WalkContinue, nil
			})
			var got bytes.Buffer
			require.NoError(t, m.Render(&got, src, doc))
			golden := strings.TrimSuffix(in, ".md") + ".html"
			if *update {
				require.NoError(t, os.WriteFile(golden, got.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create %s", golden)
			assert.Equal(t, string(want), got.String(), "rendering %s", in)
		})
	}
}

func TestParseCitations(t *testing.T) {
	tests := []struct {
		src  string
		refs [][]string // per citation node
	}{
		{"a [@000:42] b", [][]string{{"000:42"}}},
		{"a [@000:42-44]", [][]string{{"000:42-44"}}},
		{"a [@000:42; @003:7]", [][]string{{"000:42", "003:7"}}},
		{"a [@000:1][@001:2]", [][]string{{"000:1"}, {"001:2"}}},
		{"*emphasis [@000:1]*", [][]string{{"000:1"}}},
		{"`[@000:1]` in code", nil},
		{`\[@000:1] escaped`, nil},
		{"[@00:1] malformed", nil},
		{"[a link](https://example.org)", nil},
	}
	m := New()
	for _, tt := range tests {
		cites, _ := Nodes(m.Parse([]byte(tt.src)))
		var got [][]string
		for _, c := range cites {
			var rs []string
			for _, r := range c.Refs {
				rs = append(rs, r.String())
			}
			got = append(got, rs)
		}
		assert.Equal(t, tt.refs, got, "citations in %q", tt.src)
	}
}

func TestParseWikiLinks(t *testing.T) {
	tests := []struct{ src, target, label string }{
		{"[[khawaja-asif]]", "khawaja-asif", ""},
		{"[[Khawaja Asif]]", "Khawaja Asif", ""},
		{"[[khawaja-asif|the minister]]", "khawaja-asif", "the minister"},
	}
	m := New()
	for _, tt := range tests {
		_, links := Nodes(m.Parse([]byte("See " + tt.src + ".")))
		require.Len(t, links, 1, "links in %q", tt.src)
		assert.Equal(t, tt.target, links[0].Target, "target of %q", tt.src)
		assert.Equal(t, tt.label, links[0].Label, "label of %q", tt.src)
	}
}

func TestLint(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"fine [@000:1] and [[x]]", nil},
		{"typo [@00:4] here", []string{"[@00:4]"}},
		{"open [@000:4 here", []string{"[@000:4 here"}},
		{"unclosed [[link here", []string{"[[link here"}},
		{"blank [[ ]] link", []string{"[[ ]]"}},
		{"code `[@x:9]` is fine", nil},
		{`escaped \[@000:5] is fine`, nil},
	}
	m := New()
	for _, tt := range tests {
		var got []string
		for _, f := range Lint(m.Parse([]byte(tt.src)), []byte(tt.src)) {
			got = append(got, f.Text)
		}
		assert.Equal(t, tt.want, got, "Lint(%q)", tt.src)
	}
}

func TestBlocksAndQuotes(t *testing.T) {
	src := "He said \"talks are over\" [@004:7].\n\n- item [@000:1]\n- bare item\n\n## Heading\n\nSaid “curly words” and \"two\" [@000:2]."
	blocks := Blocks(New().Parse([]byte(src)), []byte(src))
	require.Len(t, blocks, 4)
	assert.Equal(t, []string{"talks are over"}, blocks[0].Quotes())
	assert.Len(t, blocks[1].Citations, 1)
	assert.Empty(t, blocks[2].Citations, "the bare item cites nothing")
	assert.Equal(t, []string{"curly words", "two"}, blocks[3].Quotes())
	assert.Equal(t, strings.Index(src, "Said"), blocks[3].Offset)
}
