package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestZZProduceCost(t *testing.T) {
	root := os.Getenv("ZZROOT")
	if root == "" {
		t.Skip()
	}
	o := Options{Project: os.DirFS(root), Out: filepath.Join(t.TempDir(), "out")}
	s := NewSession(o)
	b := newBuilder(o)
	s.begin(context.Background(), b, nil)
	b.openStore(s)
	d, _ := b.load(context.Background())
	m, ib, _ := b.extract(context.Background(), d)
	plan, err := b.plan(d, m, ib)
	if err != nil {
		t.Fatal(err)
	}
	cost := map[string]time.Duration{}
	n := map[string]int{}
	for _, j := range plan.Jobs {
		_, produce, err := j.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		s := time.Now()
		if _, err := produce(); err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(j.Path, "/")
		k := parts[0]
		if len(parts) > 2 {
			k += "/*"
		}
		cost[k] += time.Since(s)
		n[k]++
	}
	var keys []string
	for k := range cost {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return cost[keys[i]] > cost[keys[j]] })
	for _, k := range keys[:min(15, len(keys))] {
		fmt.Printf("%-20s %5d %8.1fms %7.1fus/job\n", k, n[k], float64(cost[k].Microseconds())/1000, float64(cost[k].Microseconds())/float64(n[k]))
	}
}
