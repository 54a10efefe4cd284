package build

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/corpusgen"
)

var benchSeeds = flag.Int("bench-seeds", 1000, "seeds in the corpus the build benchmarks generate")

// BenchmarkBuild measures a full build (load, verify, render, publish; no
// cache) of a generated corpus:
//
//	go test ./internal/build -run '^$' -bench Build -bench-seeds 5000 -cpuprofile cpu.prof
func BenchmarkBuild(b *testing.B) {
	root, c := benchCorpus(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		res, problems, err := buildWith(Options{Project: os.DirFS(root), Out: out}, root)
		require.NoError(b, err, problems)
		require.Equal(b, c.Pages(), res.Stats.Pages)
	}
	b.ReportMetric(float64(c.Pages()*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRebuild measures the rebuild after one new seed, with the cache
// of the previous build.
func BenchmarkRebuild(b *testing.B) {
	root, c := benchCorpus(b)
	out := filepath.Join(b.TempDir(), "public")
	_, problems, err := buildAt(root, out, "")
	require.NoError(b, err, problems)
	n := c.Seeds
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		text := fmt.Sprintf("A new report %d\nIn Kabul, officials said on Monday that talks would resume within days.\n", n)
		sum := sha256.Sum256([]byte(text))
		require.NoError(b, os.WriteFile(filepath.Join(root, "seeds", fmt.Sprintf("%03d_%s.txt", n, hex.EncodeToString(sum[:8]))), []byte(text), 0o644))
		n++
		b.StartTimer()
		res, problems, err := buildAt(root, out, "")
		require.NoError(b, err, problems)
		require.Greater(b, res.Kept, res.Files/2, "an incremental build keeps most files")
	}
}

func benchCorpus(b *testing.B) (string, corpusgen.Counts) {
	b.Helper()
	dir := b.TempDir()
	c, err := corpusgen.Write(dir, corpusgen.Options{Seeds: *benchSeeds, Random: 1})
	require.NoError(b, err)
	return filepath.Join(dir, "dossier"), c
}
