package cache

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// BenchmarkManifest saves and loads the manifest of a site of 29,000 files,
// the 5,000-seed corpus's, in the order of their paths as a build writes
// it: what every rebuild that changed something pays.
func BenchmarkManifest(b *testing.B) {
	var paths []string
	for i := range 29000 {
		p := fmt.Sprintf("sources/%d/index.html", i)
		if i%3 == 1 {
			p = fmt.Sprintf("assets/search/7cfcde20e58e/d%d.js", i)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	m := New()
	for i, p := range paths {
		m.Set(p, Entry{Key: sha256.Sum256([]byte(p)), Sum: sha256.Sum256(fmt.Append(nil, i))})
	}
	file := filepath.Join(b.TempDir(), "m")
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			if err := m.Save(file); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(file); err != nil {
				b.Fatal(err)
			}
		}
	})
}
