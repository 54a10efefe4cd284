package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"iter"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/dossier-project/dossier/internal/renameio"
)

// Put declares that the new site's file p (slash-separated, relative to the
// site folder) has the given bytes. Nothing is written when the spare
// already holds them; they are hardlinked when the live site holds them.
// Put returns the SHA-256 of data, for the caller's records (the sum Keep
// wants next time); a transaction that remembers nothing computes no sums
// and returns the zero sum.
func (t *Tx) Put(p string, data []byte) (sum [32]byte, err error) {
	full, i, err := t.reserve(p)
	if err != nil {
		return sum, err
	}
	if t.state != "" {
		sum = sha256.Sum256(data)
		if done, err := t.reuse(p, i, full, sum); done || err != nil {
			return sum, err
		}
	}
	return sum, t.write(p, full, sum, data)
}

// Keep declares that the new site's file p equals the live file p, whose
// bytes the caller knows to have the SHA-256 sum (its inputs did not change
// since the build that made it). It reports false, having done nothing, when
// neither tree holds a file it knows to have those bytes (the live file was
// edited, or was made by a build the caller does not know of): the caller
// then makes the file and calls Put.
func (t *Tx) Keep(p string, sum [32]byte) (bool, error) {
	full, i, err := t.reserve(p)
	if err != nil {
		return false, err
	}
	if t.state != "" {
		if done, err := t.reuse(p, i, full, sum); done || err != nil {
			return done, err
		}
	}
	t.unreserve(p)
	return false, nil
}

// reuse makes the spare file full hold the bytes with the given sum without
// writing them, when either tree holds a file known to have them; p is the
// i-th declared path (-1: not declared).
func (t *Tx) reuse(p string, i int, full string, sum [32]byte) (bool, error) {
	if id, ok := t.spareFile(p, i); ok {
		if s, rec, ok := t.known.lookup(id); ok && s == sum {
			t.held[rec].Store(true)
			t.unchanged.Add(1)
			return true, nil
		}
	}
	id, ok := identifyIn(t.liveTree, p)
	if !ok {
		return false, nil
	}
	s, _, ok := t.known.lookup(id)
	if !ok {
		return false, nil
	}
	// The live file becomes the spare's at the exchange: what is known of
	// it stays true, and lets a later build return to these bytes for free.
	t.learn(id, s)
	if s != sum {
		return false, nil
	}
	switch err := t.link(filepath.Join(t.dir, filepath.FromSlash(p)), full); {
	case errors.Is(err, errNoLink):
		return false, nil
	case err != nil:
		return false, t.fail("cannot link "+p+" from the live site", err)
	}
	t.linked.Add(1)
	return true, nil
}

// learn records knowledge that holds after the transaction: a record of
// the state file found true again is marked so, anything else is kept.
func (t *Tx) learn(id identity, sum [32]byte) {
	if s, rec, ok := t.known.lookup(id); ok && s == sum {
		t.held[rec].Store(true)
		return
	}
	sh := &t.seen[id.ino%seenShards]
	sh.mu.Lock()
	sh.m[id] = sum
	sh.mu.Unlock()
}

// learnt yields the knowledge of files the transaction gathered and says
// how much there is, once every call but Commit has returned: the records
// of the state file it found true again, then what else it learnt, which
// comes first for an identity learnt both ways. An identity is in one shard
// only.
func (t *Tx) learnt() (iter.Seq2[identity, [32]byte], int) {
	n := 0
	for i := range t.seen {
		n += len(t.seen[i].m)
	}
	overridden := func(id identity) bool {
		_, ok := t.seen[id.ino%seenShards].m[id]
		return ok
	}
	for rec := range t.held {
		if t.held[rec].Load() && !overridden(identityAt(t.known.recs[rec*fileRecord:])) {
			n++
		}
	}
	return func(yield func(identity, [32]byte) bool) {
		for rec := range t.held {
			if !t.held[rec].Load() {
				continue
			}
			r := t.known.recs[rec*fileRecord:]
			if id := identityAt(r); !overridden(id) && !yield(id, [32]byte(r[32:64])) {
				return
			}
		}
		for i := range t.seen {
			for id, sum := range t.seen[i].m {
				if !yield(id, sum) {
					return
				}
			}
		}
	}, n
}

// learntNothingNew reports whether what the transaction learnt of files
// is exactly what the state file knew, once every call but Commit has
// returned.
func (t *Tx) learntNothingNew() bool {
	n := 0
	for rec := range t.held {
		if t.held[rec].Load() {
			n++
		}
	}
	for i := range t.seen {
		for id, sum := range t.seen[i].m {
			s, rec, ok := t.known.lookup(id)
			if !ok || s != sum {
				return false
			}
			if !t.held[rec].Load() {
				n++
			}
		}
	}
	return n == len(t.known.index)
}

// clean reports whether p is a path inside the site, written one way only.
func clean(p string) bool {
	return p != "" && p != "." && path.Clean(p) == p && filepath.IsLocal(filepath.FromSlash(p))
}

// reserve records p as a file of the new site and returns its path in the
// spare, and its index among the declared paths (-1 when the files were not
// declared). It refuses paths that escape the site, paths given twice, and a
// path that is both a file and a folder, which no folder can hold; after
// Declare, also paths it was not told.
func (t *Tx) reserve(p string) (string, int, error) {
	// A path from content must never escape the output folder; a declared
	// path was checked by Declare.
	if t.decl == nil && !clean(p) {
		return "", -1, escapeError(p)
	}
	if t.ended.Load() {
		return "", -1, fmt.Errorf("publish: %s comes after the site was committed or aborted", p)
	}
	i := -1
	if t.decl != nil {
		var err error
		if i, err = t.decl.give(p); err != nil {
			return "", -1, err
		}
	} else if err := t.add(p); err != nil {
		return "", -1, err
	}
	// p is clean and local: joining needs no cleaning.
	return t.spare + string(filepath.Separator) + filepath.FromSlash(p), i, nil
}

// escapeError is the error of a path that is not inside the site.
func escapeError(p string) error {
	return fmt.Errorf("publish: refusing to write %q outside the site folder (want a clean relative path such as a/b.html)", p)
}

// add records p as a file of the new site when the files were not
// declared, checking it against the others.
func (t *Tx) add(p string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.ended.Load():
		return fmt.Errorf("publish: %s comes after the site was committed or aborted", p)
	case t.files[p]:
		return fmt.Errorf("publish: %s is given twice", p)
	case t.dirs[p] > 0:
		return fmt.Errorf("publish: %s is both a file and a folder of the new site", p)
	}
	for d := range folders(p) {
		if t.files[d] {
			return fmt.Errorf("publish: %s is both a file and a folder of the new site", d)
		}
	}
	if t.files == nil {
		t.files = make(map[string]bool, len(t.known.index))
	}
	t.files[p] = true
	for d := range folders(p) {
		t.dirs[d]++
	}
	return nil
}

// folders yields each folder the clean relative path p is in, innermost
// first: "a/b/c.html" is in "a/b" and "a".
func folders(p string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := strings.LastIndexByte(p, '/'); i > 0; i = strings.LastIndexByte(p[:i], '/') {
			if !yield(p[:i]) {
				return
			}
		}
	}
}

// unreserve undoes reserve, for a file Keep could not keep.
func (t *Tx) unreserve(p string) {
	t.dropped.Store(true)
	if t.decl != nil {
		t.decl.take(p)
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.files, p)
	for d := range folders(p) {
		t.dirs[d]--
	}
}

// Declare tells the transaction every file the new site may have, before
// any is given: a build knows them all once it has planned. The paths are
// checked here, all at once, instead of one by one as they are given (see
// reserve), so that a build's workers give their files without a lock or
// a map between them; Put, Keep and Create then refuse any other path. A
// path declared and not given is not in the new site. Paths in increasing
// order, as a build's are, are kept as they are, and must not be changed
// until the transaction ends; others are sorted in a copy.
func (t *Tx) Declare(paths []string) error {
	if t.decl != nil || t.files != nil {
		return errors.New("publish: Declare comes after files were declared or given")
	}
	if !slices.IsSorted(paths) {
		paths = slices.Sorted(slices.Values(paths))
	}
	for i, p := range paths {
		if !clean(p) {
			return escapeError(p)
		}
		if i > 0 && paths[i-1] == p {
			return fmt.Errorf("publish: %s is given twice", p)
		}
		// The paths inside a folder p follow p, but not at once ("a",
		// "a-b", "a/c"): the first path from p+"/" on says.
		if j, _ := slices.BinarySearchFunc(paths[i+1:], p, compareSlash); i+1+j < len(paths) && inFolder(paths[i+1+j], p) {
			return fmt.Errorf("publish: %s is both a file and a folder of the new site", p)
		}
	}
	t.decl = &declared{paths: paths, given: make([]atomic.Bool, len(paths))}
	if t.look != nil {
		t.look.declare(paths)
	}
	return nil
}

// compareSlash is strings.Compare(q, d+"/"), without making d+"/".
func compareSlash(q, d string) int {
	if len(q) <= len(d) {
		if c := strings.Compare(q, d[:len(q)]); c != 0 {
			return c
		}
		return -1 // q is d or a start of it
	}
	if c := strings.Compare(q[:len(d)], d); c != 0 {
		return c
	}
	switch {
	case q[len(d)] < '/':
		return -1
	case q[len(d)] > '/' || len(q) > len(d)+1:
		return 1
	}
	return 0
}

// inFolder reports whether the path q is inside the folder d.
func inFolder(q, d string) bool { return len(q) > len(d) && q[len(d)] == '/' && q[:len(d)] == d }

// declared is the files of the new site, as Declare was told them (in
// increasing order), and which were given.
type declared struct {
	paths []string
	given []atomic.Bool
}

// give records that the file p was given, and returns its index.
func (d *declared) give(p string) (int, error) {
	i, ok := slices.BinarySearch(d.paths, p)
	switch {
	case !ok:
		return -1, fmt.Errorf("publish: %s was not declared (see Declare)", p)
	case d.given[i].Swap(true):
		return -1, fmt.Errorf("publish: %s is given twice", p)
	}
	return i, nil
}

// take undoes give.
func (d *declared) take(p string) {
	if i, ok := slices.BinarySearch(d.paths, p); ok {
		d.given[i].Store(false)
	}
}

// newFiles yields the paths of the new site's files, and isFile says
// whether p is one of them, once every call but Commit has returned.
func (t *Tx) newFiles() iter.Seq[string] {
	return func(yield func(string) bool) {
		if t.decl == nil {
			for p := range t.files {
				if !yield(p) {
					return
				}
			}
			return
		}
		for i, p := range t.decl.paths {
			if t.decl.given[i].Load() && !yield(p) {
				return
			}
		}
	}
}

func (t *Tx) isFile(p string) bool {
	if t.decl == nil {
		return t.files[p]
	}
	i, ok := slices.BinarySearch(t.decl.paths, p)
	return ok && t.decl.given[i].Load()
}

// write puts data into the spare at full, under a temporary name renamed
// over the old file, so that a file shared with the live site is replaced,
// never changed.
func (t *Tx) write(p, full string, sum [32]byte, data []byte) error {
	f, err := t.create(full)
	if err != nil {
		return t.fail("cannot write "+p, err)
	}
	_, err = f.Write(data)
	return t.install(p, full, f, sum, err)
}

// create opens a new file for full: under a temporary name in its folder,
// making the folder when the spare lacks it, or, in a spare this
// transaction made, at full itself, where nothing can be in the way (no
// other tree shares its files, and a stopped build leaves a spare that the
// next one does not take for new).
func (t *Tx) create(full string) (*os.File, error) {
	d := filepath.Dir(full)
	t.touch(d)
	name := full
	if !t.empty {
		name = t.tempName(d)
	} else if _, made := t.made.Load(d); !made {
		// A spare this transaction made lacks every folder it did not make
		// itself: the folder is made first, not after a failed create.
		if err := t.mkdirs(d); err != nil {
			return nil, err
		}
		t.made.Store(d, struct{}{})
	}
	f, err := createExcl(name)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		if err := t.mkdirs(d); err != nil {
			return nil, err
		}
		f, err = createExcl(name)
	}
	if errors.Is(err, fs.ErrExist) && t.empty {
		// Something stands at full after all (reserve keeps the new site's
		// files and folders apart, so nothing should): write beside it, and
		// install renames the file over it as in any spare.
		f, err = createExcl(t.tempName(d))
	}
	return f, err
}

// install closes the file f, written with error werr, and renames it to
// full unless it was made there.
func (t *Tx) install(p, full string, f *os.File, sum [32]byte, werr error) error {
	var info fs.FileInfo
	if werr == nil && t.state != "" {
		info, werr = f.Stat()
	}
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr == nil && f.Name() != full {
		werr = t.place(f.Name(), full)
	}
	if werr != nil {
		os.Remove(f.Name())
		return t.fail("cannot write "+p, werr)
	}
	if info != nil {
		if id, ok := identityOf(info); ok {
			t.learn(id, sum)
		}
	}
	t.written.Add(1)
	return nil
}

// place renames tmp to full, a new entry of its folder or one that
// replaces the entry there, counting a new entry (see Tx.added).
func (t *Tx) place(tmp, full string) error {
	if t.look == nil {
		return replace(tmp, full)
	}
	switch err := renameNew(tmp, full); {
	case err == nil:
		t.added(filepath.Dir(full), 1)
		return nil
	case !errors.Is(err, fs.ErrExist):
		t.added(filepath.Dir(full), -1) // a new entry or not, unknown: the folder is read
	}
	return replace(tmp, full)
}

// replace renames tmp to full (renameio.Replace), first removing a folder
// that stands where the new site has a file.
func replace(tmp, full string) error {
	err := renameio.Replace(tmp, full)
	if err == nil {
		return nil
	}
	if info, lerr := os.Lstat(full); lerr == nil && info.IsDir() {
		if err := os.RemoveAll(full); err != nil {
			return err
		}
		return renameio.Replace(tmp, full)
	}
	return err
}

// errNoLink means the file system cannot link the file; it is written instead.
var errNoLink = errors.New("hard links are not possible here")

// link makes full a hard link to the live file live.
func (t *Tx) link(live, full string) error {
	t.touch(filepath.Dir(full))
	err := os.Link(live, full)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		if err := t.mkdirs(filepath.Dir(full)); err != nil {
			return err
		}
		err = os.Link(live, full)
	}
	if err == nil {
		t.added(filepath.Dir(full), 1)
	}
	if errors.Is(err, fs.ErrExist) {
		// The spare holds another file here: link beside it and replace it.
		tmp := t.tempName(filepath.Dir(full))
		if err = os.Link(live, tmp); err == nil {
			if err = replace(tmp, full); err != nil {
				os.Remove(tmp)
			}
		}
	}
	if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EMLINK) || errors.Is(err, syscall.ENOTSUP) {
		return errNoLink
	}
	return err
}

// mkdirs makes the spare folder d and its parents, counting them, and
// removes a stale file standing where the new site has a folder.
func (t *Tx) mkdirs(d string) error {
	t.touch(filepath.Dir(d))
	err := t.mkdir(d)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		if d == t.spare {
			return err // the spare itself is gone: do not recreate it here
		}
		if err := t.mkdirs(filepath.Dir(d)); err != nil {
			return err
		}
		err = t.mkdir(d)
	}
	if errors.Is(err, fs.ErrExist) {
		info, lerr := os.Lstat(d)
		if lerr == nil && info.IsDir() {
			return nil // made by another goroutine, or there already
		}
		// reserve guarantees that no file of the new site is here.
		if err := os.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		err = os.Mkdir(d, 0o755)
		if errors.Is(err, fs.ErrExist) {
			return nil // another goroutine removed it first and made the folder
		}
		if err == nil {
			t.madeNew(d) // in the place of the file: not a new entry
		}
	}
	if err == nil {
		t.folders.Add(1)
	}
	return err
}

// mkdir makes the folder d, counting it in its folder's entries, and
// records that it holds only what the transaction puts in it.
func (t *Tx) mkdir(d string) error {
	err := os.Mkdir(d, 0o755)
	if err == nil {
		t.added(filepath.Dir(d), 1)
		t.madeNew(d)
	}
	return err
}

// tempName returns a name in folder d that no other file of this
// transaction uses; a site's files are never named so.
func (t *Tx) tempName(d string) string {
	return filepath.Join(d, fmt.Sprintf("%s%d", t.temp, t.seq.Add(1)))
}

func randomInt() uint32 { return rand.Uint32() }

// File is a file of the new site being written with Create. The SHA-256 of
// its bytes is computed on the way, so a page can be rendered straight to
// disk.
type File struct {
	t       *Tx
	p, full string
	f       *os.File
	h       hash.Hash // nil when the transaction remembers nothing
	sum     [32]byte
	err     error
}

// Create starts the new site's file p; its bytes are given by Write and
// the file takes its place in the spare at Close. A caller that gives up
// calls Discard instead. Prefer Put when the bytes are in memory: it writes
// nothing when the spare already has them, which Create learns only at the
// end.
func (t *Tx) Create(p string) (*File, error) {
	full, _, err := t.reserve(p)
	if err != nil {
		return nil, err
	}
	f, err := t.create(full)
	if err != nil {
		t.unreserve(p)
		return nil, t.fail("cannot write "+p, err)
	}
	w := &File{t: t, p: p, full: full, f: f}
	if t.state != "" {
		w.h = sha256.New()
	}
	return w, nil
}

// Write writes b to the file, hashing it on the way.
func (w *File) Write(b []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.f.Write(b)
	if w.h != nil {
		w.h.Write(b[:n])
	}
	if err != nil {
		w.err = err // Close reports it, saying which file
	}
	return n, err
}

// Close puts the file in its place in the spare. When the spare already
// held the same bytes, the old file stays (it may be shared with the live
// site) and the new one is dropped.
func (w *File) Close() error {
	if w.h != nil {
		w.h.Sum(w.sum[:0])
	}
	if w.h != nil && w.f.Name() != w.full {
		if id, ok := identify(w.full); ok && w.err == nil {
			if s, _, ok := w.t.known.lookup(id); ok && s == w.sum {
				w.f.Close()
				os.Remove(w.f.Name())
				w.t.learn(id, w.sum)
				w.t.unchanged.Add(1)
				return nil
			}
		}
	}
	return w.t.install(w.p, w.full, w.f, w.sum, w.err)
}

// Sum returns the SHA-256 of the bytes written, once Close has returned
// (the zero sum when the transaction remembers nothing), like Put.
func (w *File) Sum() [32]byte { return w.sum }

// Discard drops the file; the spare keeps what it had at its path, and the
// new site lacks the file unless it is given again.
func (w *File) Discard() {
	w.f.Close()
	os.Remove(w.f.Name())
	w.t.unreserve(w.p)
}
