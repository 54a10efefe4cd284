package main

import (
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/corpusgen"
)

var benchSeeds = flag.Int("bench-seeds", 1000, "seeds in the corpus BenchmarkBuild generates")

// BenchmarkBuild measures a full build (load, verify, render, publish) of a
// generated corpus: go test ./cmd/dossier -run '^$' -bench Build -bench-seeds 5000.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	c, err := corpusgen.Write(dir, corpusgen.Options{Seeds: *benchSeeds, Random: 1, Project: "../.."})
	require.NoError(b, err)
	root := filepath.Join(dir, "dossier")
	out := filepath.Join(dir, "public")
	b.ResetTimer()
	for b.Loop() {
		res, err := build(root, out, io.Discard, io.Discard)
		require.NoError(b, err)
		require.Equal(b, c.Pages(), res.stats.Pages)
	}
	b.ReportMetric(float64(c.Pages()*b.N)/b.Elapsed().Seconds(), "pages/s")
}
