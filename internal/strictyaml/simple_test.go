package strictyaml

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/corpusgen"
)

// library is what the YAML library makes of data.
func library(data string) (*yaml.Node, error) {
	var root yaml.Node
	err := yaml.Unmarshal([]byte(data), &root)
	return &root, err
}

// sameTree asserts that got is want in every field but the comments, which
// nothing reads.
func sameTree(t *testing.T, want, got *yaml.Node, doc, at string) {
	t.Helper()
	type fields struct {
		Kind         yaml.Kind
		Style        yaml.Style
		Tag, Value   string
		Anchor       string
		Line, Column int
		Content      int
		Alias        bool
	}
	of := func(n *yaml.Node) fields {
		return fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column, len(n.Content), n.Alias != nil}
	}
	require.Equal(t, of(want), of(got), "%s of\n%s", at, doc)
	for i := range want.Content {
		sameTree(t, want.Content[i], got.Content[i], doc, fmt.Sprintf("%s/%d", at, i))
	}
}

// frontMatter returns the front matter of a markdown file, if it has one.
func frontMatter(b []byte) (string, bool) {
	s := string(b)
	if !strings.HasPrefix(s, "---\n") {
		return "", false
	}
	fm, _, ok := strings.Cut(s[4:], "\n---\n")
	return fm + "\n", ok
}

// yamlOf collects the YAML documents of a project: front matter, sources.yaml
// and dossier.yaml.
func yamlOf(t *testing.T, root string) map[string]string {
	t.Helper()
	docs := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(p, ".yaml"):
			docs[p] = string(b)
		case strings.HasSuffix(p, ".md"):
			if fm, ok := frontMatter(b); ok {
				docs[p] = fm
			}
		}
		return nil
	})
	require.NoError(t, err)
	return docs
}

// TestSimpleParsesProjects parses the YAML of this repository's dossier and
// of a generated one both ways: where the fast parser takes a document, its
// tree is the library's; and it takes nearly every generated one, which is
// written the way curators write.
func TestSimpleParsesProjects(t *testing.T) {
	dir := t.TempDir()
	_, err := corpusgen.Write(dir, corpusgen.Options{Seeds: 200, Random: 3})
	require.NoError(t, err)
	for _, project := range []string{"../..", filepath.Join(dir, "dossier")} {
		docs := map[string]string{}
		for _, sub := range []string{"content", "seeds"} {
			for p, doc := range yamlOf(t, filepath.Join(project, sub)) {
				docs[p] = doc
			}
		}
		require.NotEmpty(t, docs)
		taken := 0
		for p, doc := range docs {
			want, err := library(doc)
			got, ok := simple([]byte(doc))
			if !ok {
				continue
			}
			taken++
			require.NoError(t, err, "%s: the fast parser took what the library refuses", p)
			sameTree(t, want, got, doc, p)
		}
		t.Logf("%s: the fast parser took %d of %d documents", project, taken, len(docs))
		if project != "../.." {
			assert.GreaterOrEqual(t, taken, len(docs)*95/100, "a generated project is written in the simple shapes")
		}
	}
}

// plainScalars are values written the way curators do; scalars the way
// they might by mistake or on purpose: every kind the library resolves,
// indicators, quotes, comments, Unicode and what looks like a key.
var plainScalars = []string{"x", "Amir Achakzai", "1-30", "000_b1e7886b504c9c4f.txt", "2025-10-12", "892", `"156:7"`, "[a, b]", "Émile", "it's", "null", "true"}

var scalars = []string{
	"x", "Amir Achakzai", "A ministry spokesman", "1-30", "12-4", "2025-10-12", "2025-1-2", "2025-13-01", "2025-10",
	"0", "7", "892", "007", "99999999999999999999", "1_000", "1e3", "0x1F", "0b101", "0o17", "-5", "+5", ".5",
	".inf", "-.inf", ".nan", "<<", "true", "True", "TRUE", "false", "yes", "no", "on", "y", "~", "null", "Null", "NULL",
	"a: b", "a:b", "a #b", "a#b", "C#", "x:", "é", "Émile Ünïcödé", "it's", "don't stop", "'q'", "'it''s'", `"dq"`,
	`"a\"b"`, `"a\nb"`, `"156:7"`, `"000"`, `""`, "''", "[a, b]", "[a,b]", "[]", "[ ]", "[a, [b]]", "[a, ]", "[, a]",
	"[Émile, Bob]", "[a b, c-d]", "[a: b]", "[a:b]", "[x:]", "[:x]", "[a#b]", "[x, 'y']", "{a: b}", "|", ">", "|-", "&x y", "*x", "!t x", "!!str 5",
	"%x", "@x", "`x`", "000_b1e7886b504c9c4f.txt", "1st place", "3 km", "12:30", "2025-10-12 extra", "2025-10-12T10:00:00Z",
	"2025-10-12 10:00:00", "0x1G", "1e5x", "1e5", "1_0", "0b12", "0o9", "12.5", "1.2.3", "2025-10-12x", "1-2-3", "10-2025-1", "- x", "-x", "? x", "x\t", "a\u2028b", "a\u0085b", "\u00a0x", "x\u00a0", "---", "...", "# c",
	"x # c", "a  b", "[a,  b ]", "x]", "[x", "\"open", "close\"", "'open", "a\\b", "100%", "50 %", "$5", "^x", "x|y",
}

var plainKeys = []string{"name", "title", "as_of", `"000"`, `"Ünï"`}

var keys = []string{"name", "title", "as_of", "claimed-by", "k9", `"000"`, `"a b"`, "'key'", "y", "on", "true", "null",
	"<<", "-k", "9k", "a b", "é", "k.x", "", "~"}

// randomDoc writes a document of nested mappings and sequences from keys
// and scalars, with now and then a line out of place.
func randomDoc(r *rand.Rand) string {
	var b strings.Builder
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	// Mostly what curators write, so that many documents are simple.
	scalar := func() string {
		if r.IntN(8) > 0 {
			return pick(plainScalars)
		}
		return pick(scalars)
	}
	key := func() string {
		if r.IntN(8) > 0 {
			return pick(plainKeys)
		}
		return pick(keys)
	}
	indent := func(n int) string {
		if r.IntN(40) == 0 {
			n += r.IntN(3) - 1
		}
		return strings.Repeat(" ", max(n, 0))
	}
	sep := func() string {
		if r.IntN(30) == 0 {
			return pick([]string{":", ":  ", " : ", ":\t"})
		}
		return ": "
	}
	var mapping func(depth, at int, dash bool)
	mapping = func(depth, at int, dash bool) {
		for i := range 1 + r.IntN(4) {
			lead := indent(at)
			if dash && i == 0 {
				lead = indent(at-2) + "- "
			}
			switch k := r.IntN(10); {
			case k == 0:
				b.WriteString(indent(at) + "# a comment\n")
				fallthrough
			case k < 6 || depth > 2:
				b.WriteString(lead + key() + sep() + scalar() + "\n")
			case k < 8:
				b.WriteString(lead + key() + ":\n")
				mapping(depth+1, at+2, false)
			default:
				b.WriteString(lead + key() + ":\n")
				in := at + 2*r.IntN(2)
				for range 1 + r.IntN(3) {
					if r.IntN(2) == 0 {
						b.WriteString(indent(in) + "- " + scalar() + "\n")
					} else {
						mapping(depth+1, in+2, true)
					}
				}
			}
			if r.IntN(15) == 0 {
				b.WriteString("\n")
			}
		}
	}
	if r.IntN(20) == 0 {
		b.WriteString(pick([]string{"---\n", "# head\n", "%YAML 1.2\n---\n", "\ufeff", " "}))
	}
	mapping(0, 0, false)
	if r.IntN(20) == 0 {
		b.WriteString(pick([]string{"...\n", "---\n", "x\n", "  - y\n", "\r\n"}))
	}
	return b.String()
}

// TestSimpleAgreesWithTheLibrary parses random documents both ways: every
// document the fast parser takes, the library takes too, into the same
// tree. The fast parser must take a good share of them, or the test would
// prove nothing.
func TestSimpleAgreesWithTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 30000
	if testing.Short() {
		n = 5000
	}
	taken := 0
	for range n {
		doc := randomDoc(r)
		got, ok := simple([]byte(doc))
		if !ok {
			continue
		}
		taken++
		want, err := library(doc)
		require.NoError(t, err, "the fast parser took what the library refuses:\n%s", doc)
		sameTree(t, want, got, doc, "")
	}
	t.Logf("the fast parser took %d of %d documents", taken, n)
	assert.Greater(t, taken, n/5, "the fast parser takes many of the documents")
}

// TestParseFallsBackToTheLibrary checks that Parse gives the library's tree
// and errors for what the fast parser does not take.
func TestParseFallsBackToTheLibrary(t *testing.T) {
	for _, doc := range []string{"a: |\n  x\n  y\n", "a: &x 1\nb: *x\n", "a: 0x1F\n", "a:\n", "a: [b\n"} {
		_, ok := simple([]byte(doc))
		require.False(t, ok, "%q is not simple", doc)
		want, wantErr := library(doc)
		got, err := Parse([]byte(doc))
		if wantErr != nil {
			assert.EqualError(t, err, wantErr.Error(), "%q", doc)
			continue
		}
		require.NoError(t, err, "%q", doc)
		sameTree(t, want, got, doc, "")
	}
}

// FuzzSimpleAgreesWithTheLibrary is TestSimpleAgreesWithTheLibrary for
// `go test -fuzz`: whatever the fast parser takes, the library takes into
// the same tree.
func FuzzSimpleAgreesWithTheLibrary(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		f.Add(randomDoc(r))
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, ok := simple([]byte(doc))
		if !ok {
			return
		}
		want, err := library(doc)
		require.NoError(t, err, "the fast parser took what the library refuses:\n%s", doc)
		sameTree(t, want, got, doc, "")
	})
}
