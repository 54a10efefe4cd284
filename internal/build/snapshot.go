package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/dirfs"
	"github.com/dossier-project/dossier/internal/parallel"
	"github.com/dossier-project/dossier/internal/source"
)

// inputDirs are the folders of a project a build reads; nothing else in
// the project tree changes what it makes.
var inputDirs = []string{source.Dir, content.Dir, "templates", "static"}

// snapshot is every file of a project's input folders, read once at the
// start of a build, with its SHA-256: the key of everything the build
// makes. The stages read the files through it (snapshot.fs), so each file
// is read once.
type snapshot struct {
	files map[string][]byte // slash-separated path → bytes
	sums  map[string][32]byte
	ids   map[string]fileID // each file's identity, taken before it was read
	// folders holds the entries of each input folder as they were listed
	// for the snapshot, served for them (snapshotFS.ReadDir); nil for a
	// snapshot patched from a session's last one.
	folders map[string][]fs.DirEntry
	// sorted is the paths of sums in order, made once (paths): a build
	// keys the snapshot by them twice (fingerprint, identities) and
	// checks the fingerprint against the last build's.
	sorted     []string
	sortedOnce sync.Once
	// fp is the last fingerprint made, for the program and address it
	// was made for: a build that goes on makes it twice, to compare with
	// the last build's and for its own record.
	fp struct {
		sync.Mutex
		version, baseURL string
		sum              [32]byte
		made             bool
	}
}

// paths returns the paths of the snapshot's files, sorted.
func (s *snapshot) paths() []string {
	s.sortedOnce.Do(func() {
		s.sorted = slices.Sorted(maps.Keys(s.sums))
	})
	return s.sorted
}

// fileID is what the file system says of a file without reading it:
// device, inode, size, and modification and change times in nanoseconds. A
// file whose identity is the one recorded when it was last read still holds
// the bytes read then, unless it was rewritten in place within one tick of
// the kernel's clock with the same size (the publish stage relies on the
// same; the input pack reads again a file changed so shortly before it was
// listed: see packTrusts). CTime is 0 where the file system gives none.
type fileID = dirfs.Identity

// identify returns the identity of the project's file p, when the file
// system has inode numbers (os.DirFS does; in-memory trees do not).
func identify(project fs.FS, p string) (fileID, bool) {
	info, err := fs.Stat(project, p)
	if err != nil || !info.Mode().IsRegular() {
		return fileID{}, false
	}
	dev, ino, ok := cache.Inode(info)
	return fileID{Dev: dev, Ino: ino, Size: info.Size(), MTime: info.ModTime().UnixNano(), CTime: cache.ChangeTime(info)}, ok
}

// identifier is a project tree that takes its files' identities itself,
// cheaper than a Stat each (dirfs.FS on Linux).
type identifier interface {
	Identities(names []string) (ids []dirfs.Identity, regular []bool, ok bool)
}

// identifyAll returns identify's results for each of the project's files
// paths, taken on every core, by the project itself when it can.
func identifyAll(project fs.FS, paths []string) (ids []fileID, has []bool) {
	if d, ok := project.(identifier); ok {
		if ids, has, ok := d.Identities(paths); ok {
			return ids, has
		}
	}
	ids, has = make([]fileID, len(paths)), make([]bool, len(paths))
	parallel.Each(len(paths), func(i int) { ids[i], has[i] = identify(project, paths[i]) })
	return ids, has
}

// identities is the key of the input files' paths and identities, or the
// zero key when one of them has none.
func identities(paths []string, id func(p string) (fileID, bool)) [32]byte {
	if !slices.IsSorted(paths) {
		paths = slices.Sorted(slices.Values(paths))
	}
	h := sha256.New()
	var buf []byte // a path, a zero byte and the five numbers, hashed at once
	le := binary.LittleEndian
	for _, p := range paths {
		f, ok := id(p)
		if !ok {
			return [32]byte{}
		}
		buf = append(append(buf[:0], p...), 0)
		buf = le.AppendUint64(le.AppendUint64(le.AppendUint64(le.AppendUint64(le.AppendUint64(buf, f.Dev), f.Ino), uint64(f.Size)), uint64(f.MTime)), uint64(f.CTime))
		h.Write(buf)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// identities is the key of the snapshot's files by their identities, as
// builder.sameFiles computes it from the files on disk; the zero key when a
// file has none.
func (s *snapshot) identities() [32]byte {
	return identities(s.paths(), func(p string) (fileID, bool) {
		id, ok := s.ids[p]
		return id, ok
	})
}

// inputFiles lists the files of the project's input folders, and the
// entries of each folder read whole.
func inputFiles(project fs.FS) ([]string, map[string][]fs.DirEntry) {
	var paths []string
	folders := map[string][]fs.DirEntry{}
	for _, dir := range inputDirs {
		paths = append(paths, walkFiles(project, dir, folders)...)
	}
	return paths, folders
}

// inputList is the project's input files as a build first listed them,
// with the identity of each that has one.
type inputList struct {
	paths   []string
	ids     map[string]fileID
	folders map[string][]fs.DirEntry // the entries of each folder listed
	at      time.Time                // when the identities began to be taken
}

// inputs lists the input files of project and takes their identities on
// every core, once per build: the check for an unchanged project and the
// snapshot share them. Identities taken before the files are read keep
// what readSnapshot needs of them: a file changed after is a new identity
// to the next build.
func (b *builder) inputs(project fs.FS) *inputList {
	if b.listed != nil {
		return b.listed
	}
	at := time.Now()
	paths, folders := inputFiles(project)
	ids, has := identifyAll(project, paths)
	in := &inputList{paths: paths, ids: make(map[string]fileID, len(paths)), folders: folders, at: at}
	for i, p := range paths {
		if has[i] {
			in.ids[p] = ids[i]
		}
	}
	b.listed = in
	return in
}

// fs serves the snapshot's files over project: a file the snapshot holds
// is not read again; folders, and anything else, are the project's.
func (s *snapshot) fs(project fs.FS) fs.FS { return &snapshotFS{project, s} }

type snapshotFS struct {
	project fs.FS
	snap    *snapshot
}

func (f *snapshotFS) Open(name string) (fs.File, error) { return f.project.Open(name) }

func (f *snapshotFS) ReadFile(name string) ([]byte, error) {
	if b, ok := f.snap.files[name]; ok {
		return bytes.Clone(b), nil
	}
	return fs.ReadFile(f.project, name)
}

// Shared gives the snapshot's own bytes of a file it holds, which no one
// changes: ReadFile gives copies (see source.Sharer).
func (f *snapshotFS) Shared(name string) ([]byte, bool) {
	b, ok := f.snap.files[name]
	return b, ok
}

// Sum is the SHA-256 of a file the snapshot holds (see source.Summer).
func (f *snapshotFS) Sum(name string) ([32]byte, bool) {
	sum, ok := f.snap.sums[name]
	return sum, ok
}

// ReadDir gives the entries of an input folder as the snapshot listed
// them: the stages see the files the snapshot holds, and the folders are
// not read twice.
func (f *snapshotFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if es, ok := f.snap.folders[name]; ok {
		return slices.Clone(es), nil
	}
	return fs.ReadDir(f.project, name)
}
func (f *snapshotFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.project, name) }

// readSnapshot reads the input folders of project on the worker pool. When
// prev is not nil and changed is, only the paths under changed are read
// again (see Session.Build); the rest is taken from prev. Otherwise, with
// the cache, a file the input pack holds with its identity is taken from
// there, and the pack then keeps what was read.
func (b *builder) readSnapshot(ctx context.Context, project fs.FS, prev *snapshot, changed []string) (*snapshot, error) {
	snap := &snapshot{files: map[string][]byte{}, sums: map[string][32]byte{}, ids: map[string]fileID{}}
	var paths []string
	var listed map[string]fileID // identities already taken
	var pack *inputPack
	var listedAt int64
	if prev == nil || changed == nil {
		in := b.inputs(project)
		paths, listed, listedAt = in.paths, in.ids, in.at.UnixNano()
		snap.folders = in.folders
		if b.o.CacheDir != "" {
			pack = openInputPack(b.o.CacheDir)
			b.warn(pack.warnings...)
		}
	} else {
		stale := func(p string) bool {
			for _, c := range changed {
				if p == c || strings.HasPrefix(p, c+"/") {
					return true
				}
			}
			return false
		}
		for p, f := range prev.files {
			if !stale(p) {
				snap.files[p], snap.sums[p] = f, prev.sums[p]
				if id, ok := prev.ids[p]; ok {
					snap.ids[p] = id
				}
			}
		}
		for _, c := range changed {
			if !isInput(c) {
				continue
			}
			paths = append(paths, listFiles(project, c)...)
		}
	}
	b.stage("reading", len(paths))
	data := make([][]byte, len(paths))
	sums := make([][32]byte, len(paths))
	ids := make([]fileID, len(paths))
	hasID := make([]bool, len(paths))
	packed := make([]bool, len(paths))
	err := b.each(ctx, len(paths), func(i int) error {
		// The identity first: a file changed while it is read then
		// differs from its record next time.
		if listed != nil {
			ids[i], hasID[i] = listed[paths[i]]
		} else {
			ids[i], hasID[i] = identify(project, paths[i])
		}
		if pack != nil && hasID[i] {
			if e, ok := pack.entries[paths[i]]; ok && packTrusts(e, ids[i], packSettle) {
				data[i], sums[i], packed[i] = e.data, e.sum, true
				return nil
			}
		}
		// A file that cannot be read is left to the stage that reads it,
		// which says what is wrong with it.
		data[i], _ = fs.ReadFile(project, paths[i])
		if data[i] != nil {
			sums[i] = sha256.Sum256(data[i])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, p := range paths {
		if data[i] != nil {
			snap.files[p] = data[i]
			snap.sums[p] = sums[i]
			if hasID[i] {
				snap.ids[p] = ids[i]
			}
		}
	}
	if pack != nil {
		held := make(map[string]bool, len(paths))
		for i, p := range paths {
			switch {
			case packed[i]:
				held[p] = true
			case data[i] != nil && hasID[i]:
				pack.put(p, packEntry{id: ids[i], listed: listedAt, sum: sums[i], data: data[i]})
				held[p] = true
			}
		}
		pack.keepOnly(held)
		b.warn(pack.save()...)
	}
	return snap, nil
}

// isInput reports whether the project-relative path p is, or is inside,
// an input folder.
func isInput(p string) bool {
	for _, dir := range inputDirs {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// listFiles lists the files at or under p, as fs.WalkDir finds them; a
// folder that cannot be read is left to the stage that reads it.
func listFiles(fsys fs.FS, p string) []string { return walkFiles(fsys, p, nil) }

// walkFiles is listFiles that also keeps, in folders when it is not nil,
// the entries of each folder at or under p that it read whole, in the order
// of fs.ReadDir.
func walkFiles(fsys fs.FS, p string, folders map[string][]fs.DirEntry) []string {
	var out []string
	unread := map[string]bool{}
	_ = fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			unread[q] = true // the folder, or what it held until its listing failed
			return nil
		}
		if folders != nil {
			if q != p {
				dir := path.Dir(q)
				folders[dir] = append(folders[dir], d)
			}
			if d.IsDir() && folders[q] == nil {
				folders[q] = []fs.DirEntry{}
			}
		}
		if !d.IsDir() {
			out = append(out, q)
		}
		return nil
	})
	for q := range unread {
		delete(folders, q)
	}
	return out
}

// fingerprint is the key of everything a build makes: the program, the
// options that change output, and every input file's path and SHA-256.
func (s *snapshot) fingerprint(version, baseURL string) [32]byte {
	s.fp.Lock()
	defer s.fp.Unlock()
	if !s.fp.made || s.fp.version != version || s.fp.baseURL != baseURL {
		s.fp.sum = s.key(version, baseURL, nil)
		s.fp.version, s.fp.baseURL, s.fp.made = version, baseURL, true
	}
	return s.fp.sum
}

// key is fingerprint without the files skip says to leave out (nil: none).
func (s *snapshot) key(version, baseURL string, skip func(p string) bool) [32]byte {
	return s.keys(version, baseURL, skip)[0]
}

// keys is key for each of the skip functions (nil: none), reading the
// files' paths once.
func (s *snapshot) keys(version, baseURL string, skips ...func(p string) bool) [][32]byte {
	hs := make([]hash.Hash, len(skips))
	for i := range hs {
		hs[i] = sha256.New()
		hs[i].Write([]byte(version + "\x00" + baseURL + "\x00"))
	}
	var buf []byte // a path, a zero byte and its sum, hashed at once
	for _, p := range s.paths() {
		buf = buf[:0]
		for i, skip := range skips {
			if skip != nil && skip(p) {
				continue
			}
			if len(buf) == 0 {
				sum := s.sums[p]
				buf = append(append(append(buf, path.Clean(p)...), 0), sum[:]...)
			}
			hs[i].Write(buf)
		}
	}
	keys := make([][32]byte, len(hs))
	for i, h := range hs {
		h.Sum(keys[i][:0])
	}
	return keys
}
