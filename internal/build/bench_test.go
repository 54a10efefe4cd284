package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/corpusgen"
)

var benchSeeds = flag.Int("bench-seeds", 1500, "seeds in the corpus the build benchmarks generate")

// The build benchmarks run on a generated corpus (package corpusgen):
//
//	go test ./internal/build -run '^$' -bench . -bench-seeds 5000 -cpuprofile cpu.prof
//
// BenchmarkBuild reports pages/s; each BenchmarkRebuild reports its time as a
// share of a full build's (%-of-full), the ratio the targets are set in
// (.ci/bench.sh measures the same against Hugo).

// BenchmarkBuild measures a full build (load, verify, extract, render,
// publish; no cache) into a new output folder each time.
func BenchmarkBuild(b *testing.B) {
	root, c := benchCorpus(b)
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		res, problems, err := buildWith(Options{Project: os.DirFS(root), Out: filepath.Join(dir, fmt.Sprint(n))}, root)
		require.NoError(b, err, problems)
		require.Equal(b, c.Pages(), res.Stats.Pages, "the pages the Hugo twin writes too")
	}
	b.ReportMetric(float64(c.Pages()*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRebuild measures rebuilds with the cache after each kind of
// change, as a share of the median of three full builds.
func BenchmarkRebuild(b *testing.B) {
	root, c := benchCorpus(b)
	full := fullBuild(b, root)
	actor := firstFile(b, filepath.Join(root, "content", "actors"))
	layout, err := os.ReadFile("../../templates/actor.html")
	require.NoError(b, err)
	seeds := c.Seeds
	editActor := func(i int) {
		body, err := os.ReadFile(actor)
		require.NoError(b, err)
		text, _, _ := strings.Cut(string(body), "\nEdited ")
		writeText(b, actor, fmt.Sprintf("%s\nEdited %d times.\n", strings.TrimSuffix(text, "\n"), i))
	}
	kinds := []struct {
		name   string
		change func(i int)
	}{
		{"new-seed", func(int) {
			text := fmt.Sprintf("A new report %d\nIn Kabul, officials said on Monday that talks would resume within days.\n", seeds)
			sum := sha256.Sum256([]byte(text))
			writeText(b, filepath.Join(root, "seeds", fmt.Sprintf("%03d_%s.txt", seeds, hex.EncodeToString(sum[:8]))), text)
			seeds++
		}},
		{"content-page", editActor},
		{"nothing", func(int) {}},
		{"actor-layout", func(i int) {
			writeText(b, filepath.Join(root, "templates", "actor.html"), strings.Replace(string(layout), "<article", fmt.Sprintf(`<article data-edit="%d"`, i), 1))
		}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			_, problems, err := buildAt(root, out, "")
			require.NoError(b, err, problems)
			made, i := 0, 0
			for b.Loop() {
				b.StopTimer()
				i++
				k.change(i)
				b.StartTimer()
				res, problems, err := buildAt(root, out, "")
				require.NoError(b, err, problems)
				made += res.Files - res.Kept
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/full.Seconds()*100, "%-of-full")
			b.ReportMetric(float64(made)/float64(b.N), "files-made/op")
		})
	}
	// The same edit in a session, as `dossier serve` rebuilds: the seeds,
	// the curated pages' trees, the layouts and the printable page's
	// bodies are kept in memory, and only the edited file is read again.
	// Against content-page, it bounds what keeping more of the last build
	// across processes could save.
	b.Run("content-page-session", func(b *testing.B) {
		o := Options{Project: os.DirFS(root), Out: filepath.Join(b.TempDir(), "public"), CacheDir: filepath.Join(root, cache.Dir)}
		s := NewSession(o)
		_, err := s.Build(context.Background(), nil)
		require.NoError(b, err)
		rel, err := filepath.Rel(root, actor)
		require.NoError(b, err)
		changed := []string{filepath.ToSlash(rel)}
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			editActor(1000 + i)
			b.StartTimer()
			res, err := s.Build(context.Background(), changed)
			require.NoError(b, err, res.Problems)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/full.Seconds()*100, "%-of-full")
	})
}

// fullBuild is the median time of three full builds of root.
func fullBuild(b *testing.B, root string) time.Duration {
	b.Helper()
	var times []time.Duration
	for i := range 3 {
		start := time.Now()
		_, problems, err := buildWith(Options{Project: os.DirFS(root), Out: filepath.Join(b.TempDir(), fmt.Sprint(i))}, root)
		require.NoError(b, err, problems)
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return times[1]
}

func benchCorpus(b *testing.B) (string, corpusgen.Counts) {
	b.Helper()
	dir := b.TempDir()
	c, err := corpusgen.Write(dir, corpusgen.Options{Seeds: *benchSeeds, Random: 1})
	require.NoError(b, err)
	root := filepath.Join(dir, "dossier")
	require.NoError(b, os.MkdirAll(filepath.Join(root, cache.Dir), 0o755))
	return root, c
}
