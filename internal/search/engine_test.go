package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests in this file run engine.js under node (testdata/harness.js)
// and skip when node is not installed.

type harnessQuery struct {
	Q     string `json:"q"`
	Limit int    `json:"limit"`
}

type harnessInput struct {
	Dir      string           `json:"dir"`
	Sessions [][]harnessQuery `json:"sessions"`
	Tokenize []tokenizeInput  `json:"tokenize"`
	Snippets []snippetInput   `json:"snippets"`
}

type tokenizeInput struct {
	In      string `json:"in"`
	Partial bool   `json:"partial"`
}

type snippetInput struct {
	Text  string   `json:"text"`
	Words []string `json:"words"`
	Max   int      `json:"max"`
}

type jsHit struct {
	URL, Kind, Label, Title, Keywords, Text string
	Score                                   int
}

type jsResult struct {
	Total  int
	Words  []string
	Hits   []jsHit
	Loaded map[string]int
}

type harnessOutput struct {
	Sessions [][]jsResult
	Tokenize [][]string
	Snippets [][]struct {
		Text string
		Mark bool
	}
}

// runEngine writes files under a temporary site root and runs the harness.
func runEngine(t testing.TB, files map[string][]byte, in harnessInput) harnessOutput {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: engine.js is not exercised")
	}
	dir := t.TempDir()
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, b, 0o644))
	}
	in.Dir = dir
	stdin, err := json.Marshal(in)
	require.NoError(t, err)
	cmd := exec.Command(node, filepath.Join("testdata", "harness.js"))
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	require.NoError(t, err, "node testdata/harness.js: %s", stderr.String())
	var out harnessOutput
	require.NoError(t, json.Unmarshal(stdout, &out))
	return out
}

// TestEngineTokenizerAgrees checks that engine.js splits text into the same
// terms as tokenize.
func TestEngineTokenizerAgrees(t *testing.T) {
	var in harnessInput
	for _, c := range tokenizeCases {
		in.Tokenize = append(in.Tokenize, tokenizeInput{c.in, c.partial})
	}
	out := runEngine(t, build(t, fixture()), in)
	require.Len(t, out.Tokenize, len(tokenizeCases))
	for i, c := range tokenizeCases {
		var want []string
		tokenize(c.in, c.partial, func(term []byte) { want = append(want, string(term)) })
		if want == nil {
			want = []string{}
		}
		assert.Equal(t, want, out.Tokenize[i], "engine.js tokens(%q, %v)", c.in, c.partial)
	}
}

// TestEngineAgreesWithReader runs the same queries through engine.js and
// the Go reader: the same hits with the same scores, the same totals and
// the same files loaded.
func TestEngineAgreesWithReader(t *testing.T) {
	queries := []string{"Mujah", "mujāhid", "defence minister", "2,414", "2,41", "torkham", "taliban spokesman", "the", "mujahid asif", "zzz", "k"}
	check := func(name string, files map[string][]byte, queries []string, limit int) {
		var in harnessInput
		for _, q := range queries {
			in.Sessions = append(in.Sessions, []harnessQuery{{q, limit}})
		}
		out := runEngine(t, files, in)
		require.Len(t, out.Sessions, len(queries))
		for i, q := range queries {
			r := newReader(files)
			want, err := r.query(q, limit)
			require.NoError(t, err, "%s: query %q", name, q)
			got := out.Sessions[i][0]
			assert.Equal(t, want.Total, got.Total, "%s: query %q: total", name, q)
			assert.Equal(t, want.Words, nilIfEmpty(got.Words), "%s: query %q: words", name, q)
			var wantHits, gotHits []string
			for _, h := range want.Hits {
				wantHits = append(wantHits, h.URL+" "+h.Kind+" "+h.Title+" "+itoaTest(h.Score))
			}
			for _, h := range got.Hits {
				gotHits = append(gotHits, h.URL+" "+h.Kind+" "+h.Title+" "+itoaTest(h.Score))
			}
			assert.Equal(t, wantHits, gotHits, "%s: query %q: hits", name, q)
			assert.Equal(t, r.loaded, got.Loaded, "%s: query %q: files loaded", name, q)
		}
	}
	check("fixture", build(t, fixture()), queries, 10)
	n := 200
	if !testing.Short() {
		n = corpusSize() // the loads TestQueryBudget counts are the loads of engine.js
	}
	check("corpus", buildCorpus(t, n), append(realisticQueries, stressQueries...), 50)
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func itoaTest(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestEngineSession types a name letter by letter into one engine, as the
// search box does: every prefix answers, files loaded once are not loaded
// again, and the hits carry what the page shows.
func TestEngineSession(t *testing.T) {
	var session []harnessQuery
	for _, q := range []string{"M", "Mu", "Muj", "Muja", "Mujah", "Mujah", "Mujahid spokesman"} {
		session = append(session, harnessQuery{q, 12})
	}
	out := runEngine(t, build(t, fixture()), harnessInput{Sessions: [][]harnessQuery{session}})
	res := out.Sessions[0]
	require.Len(t, res, len(session))
	assert.Zero(t, res[0].Total, "one letter matches only the term itself")
	for _, i := range []int{1, 2, 3, 4} {
		if assert.NotEmpty(t, res[i].Hits, "%q finds something", session[i].Q) {
			h := res[i].Hits[0]
			assert.Equal(t, jsHit{URL: "actors/zabihullah-mujahid/index.html", Kind: "actor", Label: "Actor", Title: "Zabihullah Mujahid",
				Keywords: "Zabīhullāh Mujāhid · Taliban spokesman", Text: h.Text, Score: h.Score}, h, "%q: the actor first", session[i].Q)
			assert.Contains(t, h.Text, "chief spokesman", "%q: the hit carries its text", session[i].Q)
		}
	}
	assert.Empty(t, res[5].Loaded, "the same query again loads nothing")
	assert.Equal(t, 1, res[6].Total, "two words must both match")
	for i, r := range res {
		for key := range r.Loaded {
			for _, earlier := range res[:i] {
				assert.NotContains(t, earlier.Loaded, key, "%q loads %s again", session[i].Q, key)
			}
		}
	}
}

// TestEngineSnippet checks the snippets engine.js cuts: around the first
// match, with the typed part of every matching word marked.
func TestEngineSnippet(t *testing.T) {
	long := strings.Repeat("Words before the match. ", 10) + "Zabihullah Mujahid said the talks in Doha would continue." + strings.Repeat(" Words after the match.", 10)
	cases := []struct {
		text  string
		words []string
		max   int
		want  string // marks in [brackets]
	}{
		{"Zabihullah Mujahid, the spokesman", []string{"mujah"}, 160, "Zabihullah [Mujah]id, the spokesman"},
		{"Zabīhullāh Mujāhid", []string{"mujah", "zabihullah"}, 160, "[Zabīhullāh] [Mujāh]id"},
		{"killed 2,414 people", []string{"241"}, 160, "killed [2,41]4 people"},
		{"killed 2,414 people", []string{"2414"}, 160, "killed [2,414] people"},
		{"Pakistan's 𝐀𝐁 office", []string{"𝐀"}, 160, "Pakistan's [𝐀]𝐁 office"},
		{"no match here", []string{"doha"}, 160, "no match here"},
		{long, []string{"doha"}, 80, "…said the talks in [Doha] would continue. Words after the match. Words…"},
	}
	var in harnessInput
	for _, c := range cases {
		in.Snippets = append(in.Snippets, snippetInput{c.text, c.words, c.max})
	}
	out := runEngine(t, build(t, fixture()), in)
	require.Len(t, out.Snippets, len(cases))
	for i, c := range cases {
		var b strings.Builder
		for _, p := range out.Snippets[i] {
			if p.Mark {
				b.WriteString("[" + p.Text + "]")
			} else {
				b.WriteString(p.Text)
			}
		}
		assert.Equal(t, c.want, b.String(), "snippet of %.40q for %q", c.text, c.words)
	}
}
