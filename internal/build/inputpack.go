package build

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/parallel"
)

// The input pack keeps in the cache folder the bytes of the project's input
// files as the last build read them, with each file's identity (fileID),
// SHA-256 and the time its identity was taken, in packShards sealed files
// by path. A build that lists a file with the identity recorded takes its
// bytes and sum from the pack instead of opening, reading and hashing it:
// at 5,000 seeds, 64 files read instead of 7,600. A file written since has
// another identity (its change time at least, which no program sets back);
// one written less than packSettle before its identity was taken might be
// written again within the same tick of the file system's clock, and is
// read again until it is older (git treats a "racily clean" file so).
const (
	packFormat = "dossier-inputs-1"
	packShards = 64
	packDir    = "inputs" // in the cache folder
)

// packSettle is how long before its identity was taken a file must have
// been written last for the pack to be trusted with it (see packTrusts):
// longer than the coarsest clock of the file systems a project may be on
// (FAT keeps times to two seconds; ext4, tmpfs and NTFS to a fraction of a
// millisecond). Only a file written in these seconds is read again, so it
// costs nothing to be generous. Tests, which write files and build within
// the same second, set it to 0.
var packSettle = 3 * time.Second

// packEntry is an input file as a build read it.
type packEntry struct {
	id     fileID
	listed int64 // when its identity was taken, in nanoseconds since 1970
	sum    [32]byte
	data   []byte
}

// packTrusts reports whether a file listed with identity id holds the bytes
// of e: the identity is the one e was read with, and the file was last
// written at least settle before e's identity was taken, so that no write
// within the same tick of the file system's clock could have left it the same.
func packTrusts(e packEntry, id fileID, settle time.Duration) bool {
	settled := e.listed - int64(settle)
	return e.id == id && id.MTime < settled && id.CTime < settled
}

// inputPack is the pack as a build read it, and what the build changed.
type inputPack struct {
	dir      string
	entries  map[string]packEntry
	dirty    [packShards]bool // the shards to write again (or remove, when none of their files is left)
	warnings []error
}

func packShard(p string) int {
	h := fnv.New32a()
	h.Write([]byte(p))
	return int(h.Sum32() % packShards)
}

func (pk *inputPack) shardFile(i int) string {
	return filepath.Join(pk.dir, fmt.Sprintf("%02d.bin", i))
}

// openInputPack reads the pack in the cache folder dir on every core; a
// damaged shard is a warning, and its files are read from the project.
func openInputPack(dir string) *inputPack {
	pk := &inputPack{dir: filepath.Join(dir, packDir), entries: map[string]packEntry{}}
	type shard struct {
		entries []packEntry
		paths   []string
		err     error
	}
	shards := make([]shard, packShards)
	parallel.Each(packShards, func(i int) {
		// A missing shard, or one of another format, holds nothing.
		sh := &shards[i]
		body, ok, err := cache.ReadSealed(pk.shardFile(i), packFormat)
		if err == nil && ok {
			sh.paths, sh.entries, err = decodePackShard(body)
		}
		sh.err = err
	})
	for i, sh := range shards {
		if sh.err != nil {
			pk.warnings = append(pk.warnings, fmt.Errorf("cache: %s: unreadable (%v); reading its files again", pk.shardFile(i), sh.err))
			pk.dirty[i] = true // rewritten with its files, or removed
			continue
		}
		for j, p := range sh.paths {
			pk.entries[p] = sh.entries[j]
		}
	}
	return pk
}

// put records that a build read p, dropping what the pack had of it.
func (pk *inputPack) put(p string, e packEntry) {
	pk.entries[p] = e
	pk.dirty[packShard(p)] = true
}

// keepOnly drops the entries of files not in paths (gone from the project).
func (pk *inputPack) keepOnly(paths map[string]bool) {
	for p := range pk.entries {
		if !paths[p] {
			delete(pk.entries, p)
			pk.dirty[packShard(p)] = true
		}
	}
}

// save writes the shards whose entries changed. A shard that cannot be
// written is removed, so that no later build trusts what it held; both are
// warnings.
func (pk *inputPack) save() []error {
	byShard := make([][]string, packShards)
	for p := range pk.entries {
		i := packShard(p)
		byShard[i] = append(byShard[i], p)
	}
	errs := make([]error, packShards)
	parallel.Each(packShards, func(i int) {
		if !pk.dirty[i] {
			return
		}
		slices.Sort(byShard[i]) // the same files, the same bytes
		file := pk.shardFile(i)
		if len(byShard[i]) == 0 {
			if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs[i] = fmt.Errorf("cache: %w", err)
			}
			return
		}
		if err := cache.WriteSealed(file, packFormat, encodePackShard(byShard[i], pk.entries)); err != nil {
			os.Remove(file)
			errs[i] = err
		}
	})
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// encodePackShard encodes the entries of paths: per file its path, the
// identity's five numbers, the time it was listed, its sum and its bytes.
func encodePackShard(paths []string, entries map[string]packEntry) []byte {
	size := 0
	for _, p := range paths {
		size += len(p) + len(entries[p].data) + 96
	}
	e := encoder{b: make([]byte, 0, size)}
	e.uint(uint64(len(paths)))
	for _, p := range paths {
		f := entries[p]
		e.uint(uint64(len(p)))
		e.b = append(e.b, p...)
		e.uint(f.id.Dev)
		e.uint(f.id.Ino)
		e.int64(f.id.Size)
		e.int64(f.id.MTime)
		e.int64(f.id.CTime)
		e.int64(f.listed)
		e.b = append(e.b, f.sum[:]...)
		e.uint(uint64(len(f.data)))
		e.b = append(e.b, f.data...)
	}
	return e.b
}

// decodePackShard decodes what encodePackShard made; the entries' bytes are
// slices of body.
func decodePackShard(body []byte) ([]string, []packEntry, error) {
	d := decoder{b: body}
	n := d.count()
	paths, entries := make([]string, 0, n), make([]packEntry, 0, n)
	for range n {
		p := string(d.bytes(d.count()))
		var e packEntry
		e.id.Dev, e.id.Ino = d.uint(), d.uint()
		e.id.Size, e.id.MTime, e.id.CTime = d.int64(), d.int64(), d.int64()
		e.listed = d.int64()
		copy(e.sum[:], d.bytes(len(e.sum)))
		e.data = d.bytes(d.count())
		if d.err != nil {
			return nil, nil, d.err
		}
		paths, entries = append(paths, p), append(entries, e)
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d bytes after the last file", len(d.b))
	}
	return paths, entries, d.err
}
