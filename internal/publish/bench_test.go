package publish

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// benchSite is a site of 7,000 files laid out like a built dossier of
// 5,000 seeds: a folder per page, and data files side by side.
func benchSite() map[string][]byte {
	body := bytes.Repeat([]byte("<p>A line of a source, with its number and a link.</p>\n"), 70) // 4 kB
	files := map[string][]byte{}
	add := func(format string, n int) {
		for i := range n {
			p := fmt.Sprintf(format, i)
			files[p] = append([]byte(p), body...)
		}
	}
	add("sources/%04d/index.html", 4000)
	add("actors/a%04d/index.html", 1000)
	add("data/inbox/%04d.json", 2000)
	return files
}

// each calls fn for every path from as many goroutines as the build uses.
func each(paths []string, fn func(p string) error) error {
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths) && errs[w] == nil; i += workers {
				errs[w] = fn(paths[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkRebuild publishes a site of 7,000 files again. "one-changed"
// changes one file (new bytes every time) and keeps the others; "no-cache"
// gives every file's bytes and remembers nothing (build -no-cache). Each compares a fresh tree per build (Begin,
// Reuse, WriteFile: the previous way) with patching the spare (Open, Keep,
// Put). The ratio of their ns/op is the speed-up.
func BenchmarkRebuild(b *testing.B) {
	site := benchSite()
	paths := sortedKeys(site)
	sums := map[string][32]byte{}
	for p, data := range site {
		sums[p] = sha256.Sum256(data)
	}
	const changed = "actors/a0500/index.html"
	version := func(i int) []byte { return fmt.Appendf(nil, "revision %d", i) }

	fresh := func(b *testing.B, reuse bool) {
		dir := filepath.Join(b.TempDir(), "public")
		if err := Write(dir, site); err != nil {
			b.Fatal(err)
		}
		for i := 0; b.Loop(); i++ {
			st, err := Begin(dir)
			if err != nil {
				b.Fatal(err)
			}
			err = each(paths, func(p string) error {
				switch {
				case p == changed && reuse:
					_, err := st.WriteFile(p, version(i))
					return err
				case reuse:
					return st.Reuse(p)
				}
				_, err := st.WriteFile(p, site[p])
				return err
			})
			if err == nil {
				err = st.Commit()
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	spare := func(b *testing.B, state bool) {
		parent := b.TempDir()
		pb := &publisher{dir: filepath.Join(parent, "public")}
		if state {
			pb.state = filepath.Join(parent, "cache", "publish.state")
		}
		for range 3 { // to the steady state: both trees hold the site
			pb.publish(b, site)
		}
		var open, files, commit time.Duration
		var st Stats
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			tx, err := Open(pb.dir, Options{State: pb.state})
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			err = each(paths, func(p string) error {
				if p == changed && state {
					return put(tx, p, version(i))
				}
				if state {
					if kept, err := tx.Keep(p, sums[p]); kept || err != nil {
						return err
					}
				}
				return put(tx, p, site[p])
			})
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			if st, err = tx.Commit(); err != nil {
				b.Fatal(err)
			}
			open, files, commit = open+t1.Sub(t0), files+t2.Sub(t1), commit+time.Since(t2)
		}
		n := float64(b.N)
		b.ReportMetric(float64(open.Microseconds())/n/1000, "open-ms/op")
		b.ReportMetric(float64(files.Microseconds())/n/1000, "files-ms/op")
		b.ReportMetric(float64(commit.Microseconds())/n/1000, "commit-ms/op")
		b.ReportMetric(float64(st.Written), "written/op")
	}

	b.Run("one-changed/fresh-tree", func(b *testing.B) { fresh(b, true) })
	b.Run("one-changed/spare-tree", func(b *testing.B) { spare(b, true) })
	b.Run("no-cache/fresh-tree", func(b *testing.B) { fresh(b, false) })
	b.Run("no-cache/spare-tree", func(b *testing.B) { spare(b, false) })
}

// BenchmarkState saves and loads the state of a site of 7,000 files in
// 5,000 folders: what every rebuild that changed something pays for it.
func BenchmarkState(b *testing.B) {
	tx := &Tx{state: filepath.Join(b.TempDir(), "state"), seenDirs: map[identity]folder{},
		warn: func(err error) { b.Fatal(err) }}
	for i := range tx.seen {
		tx.seen[i].m = map[identity][32]byte{}
	}
	for i := range 7000 {
		tx.learn(identity{dev: 2049, ino: uint64(1e7 + i*13), size: 4000 + int64(i), mtime: 1.7e18 + int64(i)*1e5}, sha256.Sum256(fmt.Append(nil, i)))
	}
	for i := range 10000 { // the folders of both trees
		tx.seenDirs[identity{dev: 2049, ino: uint64(2e7 + i*13), size: 4096, mtime: 1.7e18 + int64(i)*1e5}] = folder{1, uint64(1 + i%2)}
	}
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			tx.known = knownFiles{} // differs from what is seen: saved every time
			tx.saveState()
		}
	})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := loadState(tx.state); err != nil {
				b.Fatal(err)
			}
		}
	})
}
