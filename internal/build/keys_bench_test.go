package build

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/render"
)

// BenchmarkKeys measures what a rebuild pays for each file it keeps before
// it looks at the file: the job's key, by the section of the site.
func BenchmarkKeys(b *testing.B) {
	root, _ := benchCorpus(b)
	bl := newBuilder(Options{Project: os.DirFS(root), CacheDir: b.TempDir()})
	bl.version = "bench"
	d, problems := bl.load(context.Background())
	require.Zero(b, problems.Errors())
	sources := bl.startSources(d)
	mentions, co, ib, err := bl.extract(context.Background(), d)
	require.NoError(b, err)
	plan, err := bl.plan(d, mentions, co, ib, sources)
	require.NoError(b, err)
	took := map[string]time.Duration{}
	count := map[string]int{}
	for b.Loop() {
		for _, j := range plan.Jobs {
			if j.Large {
				continue
			}
			t := time.Now()
			_, _, err := j.Prepare()
			took[section(j)] += time.Since(t)
			require.NoError(b, err)
		}
	}
	for _, j := range plan.Jobs {
		count[section(j)]++
	}
	var names []string
	for s := range took {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		b.ReportMetric(float64(took[s].Nanoseconds())/float64(b.N)/float64(count[s]), "ns/"+s)
	}
}

func section(j render.Job) string {
	s, _, _ := strings.Cut(j.Path, "/")
	return s
}
