package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"syscall"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkZZRealEdit(b *testing.B) {
	root := b.TempDir()
	for _, dir := range []string{"seeds", "content"} {
		copyDir(b, filepath.Join("../..", dir), filepath.Join(root, dir))
	}
	actor := filepath.Join(root, "content", "actors", "abbas-araghchi.md")
	original, _ := os.ReadFile(actor)
	s := NewSession(Options{Project: os.DirFS(root), Out: filepath.Join(root, "public"), CacheDir: filepath.Join(root, cache.Dir)})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	var load, plan, write time.Duration
	cpu0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		os.WriteFile(actor, []byte(strings.Replace(string(original), " he said ", fmt.Sprintf(" he said (%d) ", i), 1)), 0o644)
		res, err := s.Build(context.Background(), []string{"content/actors/abbas-araghchi.md"})
		if err != nil {
			b.Fatal(err)
		}
		load += res.Load
		plan += res.Plan
		write += res.Write
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64(((cpuTime()-cpu0)/n).Microseconds())/1000, "ms-cpu")
	b.ReportMetric(float64((load/n).Microseconds())/1000, "ms-load")
	b.ReportMetric(float64((plan/n).Microseconds())/1000, "ms-plan")
	b.ReportMetric(float64((write/n).Microseconds())/1000, "ms-write")
}
