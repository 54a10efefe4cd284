package extract

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/corpusgen"
	"github.com/dossier-project/dossier/internal/date"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt from the extractors' current output")

// goldenCorpus is the generated corpus the golden file and the benchmarks
// read: 10 seeds of package corpusgen with random seed 1 (enough to vary
// the generator's sentences; the real seeds and labelled cases come first), the same files
// `go run ./cmd/gencorpus -n 10 -seed 1` writes. A change to the generator
// moves the golden output too; rewrite it with -update and review the diff.
var goldenCorpus = corpusgen.Options{Seeds: 10, Random: 1}

// goldenPublished are the publication dates Dates is run with: unknown, a
// day late in the year, a day early in it (years wrap), a month and a year.
var goldenPublished = []string{"", "2025-11-09", "2025-01-03", "2025-11", "2025"}

// goldenLines are the texts the golden file records: every line of the real
// seeds, every labelled sentence, a few hostile strings, then the generated
// corpus; each distinct text once, in that order.
func goldenLines(t testing.TB) []string {
	t.Helper()
	var lines []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			lines = append(lines, s)
		}
	}
	files, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files, "the real seeds")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err, f)
		for _, l := range strings.Split(string(b), "\n") {
			add(l)
		}
	}
	for _, cs := range [][]dateCase{dateCases, dateCasesHard, heldOutDates} {
		for _, c := range cs {
			add(c.text)
		}
	}
	for _, cs := range [][]figureCase{figureCases, figureCasesHard, heldOutFigures} {
		for _, c := range cs {
			add(c.text)
		}
	}
	for _, cs := range [][]nameCase{nameCases, heldOutNames} {
		for _, c := range cs {
			add(c.text)
		}
	}
	for _, cs := range [][]quoteCase{quoteCases, quoteCasesHard, heldOutQuotes} {
		for _, c := range cs {
			add(c.text)
		}
	}
	for _, s := range []string{"“unclosed quote, said X", "\"\"“”", "October 32, 2025 and February 30", "Sunday, October 12", "12:59am", "$45 million to 50 million people"} {
		add(s)
	}
	for _, l := range corpusLines(t) {
		add(l)
	}
	return lines
}

// corpusLines generates the corpus and returns its distinct non-empty
// lines, seed by seed in file order.
func corpusLines(t testing.TB) []string {
	t.Helper()
	files, _, err := corpusgen.Generate(goldenCorpus)
	require.NoError(t, err)
	var names []string
	for p := range files {
		if strings.HasSuffix(p, ".txt") {
			names = append(names, p)
		}
	}
	slices.Sort(names)
	var lines []string
	seen := map[string]bool{}
	for _, p := range names {
		for _, l := range strings.Split(files[p], "\n") {
			if strings.TrimSpace(l) != "" && !seen[l] {
				seen[l] = true
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// record writes everything every extractor says about one text: the
// sentences, numbers, dates under each publication date, figures, names,
// quotations and known-name matches, each field spelt out.
func record(w io.Writer, text string, known *Matcher) {
	fmt.Fprintf(w, "== %q\n", text)
	// A sentence an extractor returns is written as "#k" when it is the
	// k-th sentence of the list, trimmed, which keeps the file small.
	index := map[string]int{}
	for k, s := range Sentences(text) {
		fmt.Fprintf(w, "sentence %d %d\n", s.Start, s.End)
		if t := strings.TrimSpace(text[s.Start:s.End]); t != "" {
			if _, ok := index[t]; !ok {
				index[t] = k
			}
		}
	}
	sentence := func(s string) string {
		if k, ok := index[s]; ok {
			return fmt.Sprintf("#%d", k)
		}
		return fmt.Sprintf("%q", s)
	}
	for _, n := range Numbers(text) {
		fmt.Fprintf(w, "number %d %q %v\n", n.Start, n.Text, n.Value)
	}
	for _, p := range goldenPublished {
		pub := date.Date{}
		if p != "" {
			pub = date.MustParse(p)
		}
		for _, d := range Dates(text, pub) {
			fmt.Fprintf(w, "date[%s] %d %q %q %s %v %q %s\n", p, d.Start, d.Text, d.Date.String(), d.Precision, d.Relative, d.Note, sentence(d.Sentence))
		}
	}
	for _, f := range Figures(text) {
		fmt.Fprintf(w, "figure %d %q %v %q %q %q %s\n", f.Start, f.Text, f.Value, f.Qualifier, f.Unit, f.Speaker, sentence(f.Sentence))
	}
	for _, n := range Names(text, known) {
		fmt.Fprintf(w, "name %d %q %q %q %s\n", n.Start, n.Text, n.Name, n.Title, n.Kind)
	}
	for _, q := range Quotes(text) {
		fmt.Fprintf(w, "quote %d %q %q %d\n", q.Start, q.Text, q.Speaker, q.Words)
	}
	for _, m := range known.Find(text) {
		fmt.Fprintf(w, "match %d %d %s\n", m.Start, m.End, m.Key)
	}
}

// TestGolden holds every extractor to the output it gave when the golden
// file was written, over the real seeds and the generated corpus: a change
// meant to make the extractors faster must not change what they find. After
// a deliberate change of behaviour, rewrite the file with
// `go test ./internal/extract/ -run Golden -update` and review its diff.
func TestGolden(t *testing.T) {
	const path = "testdata/golden.txt"
	known := NewMatcher(knownNames)
	var got bytes.Buffer
	for _, l := range goldenLines(t) {
		record(&got, l, known)
	}
	if *update {
		require.NoError(t, os.WriteFile(path, got.Bytes(), 0o644))
		return
	}
	f, err := os.Open(path)
	require.NoError(t, err, "%s (write it with -update)", path)
	defer f.Close()
	want := bufio.NewScanner(f)
	want.Buffer(nil, 1<<20)
	have := bufio.NewScanner(&got)
	have.Buffer(nil, 1<<20)
	// Report the first differing line with the text it belongs to, not a
	// diff of megabytes.
	text, n, diffs := "", 0, 0
	for {
		w, h := want.Scan(), have.Scan()
		if !w && !h {
			break
		}
		n++
		wl, hl := "", ""
		if w {
			wl = want.Text()
		}
		if h {
			hl = have.Text()
		}
		if strings.HasPrefix(hl, "== ") {
			text = hl
		}
		if wl != hl {
			assert.Equal(t, wl, hl, "%s line %d, in the output for %s", path, n, text)
			if diffs++; diffs == 10 {
				t.Fatal("more than 10 differences; stopping")
			}
		}
	}
	require.NoError(t, want.Err(), path)
	require.NoError(t, have.Err())
}
