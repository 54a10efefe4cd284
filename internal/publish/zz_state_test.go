package publish

import (
	"path/filepath"
	"testing"
)

func BenchmarkZZState(b *testing.B) {
	dir := b.TempDir()
	tx := &Tx{state: filepath.Join(dir, "s"), seen: map[identity][32]byte{}, seenDirs: map[identity]folder{}, warn: func(err error) { b.Fatal(err) }}
	for i := range 7000 {
		tx.seen[identity{dev: 2049, ino: uint64(1e7 + i*13), size: 4000 + int64(i), mtime: 1.7e18 + int64(i)*1e5}] = [32]byte{byte(i), 3, 4}
	}
	for i := range 10000 {
		tx.seenDirs[identity{dev: 2049, ino: uint64(2e7 + i*13), size: 4096, mtime: 1.7e18 + int64(i)*1e5}] = folder{1, 12345}
	}
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			tx.known = nil
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
