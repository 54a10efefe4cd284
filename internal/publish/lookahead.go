package publish

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// A rebuild looks up every file and folder of the spare it patches: at
// 5,000 seeds 36,000 lstat calls, a fifth of its CPU time, made while the
// site's files are given and the spare is pruned, with both cores busy.
// A build knows most of these paths long before: those of the last site.
// LookAhead looks them up on a goroutine of its own from when the
// transaction is open, while the build extracts and plans, when one core
// is often idle; Keep, Put and Commit then take what it found instead of
// looking again. What it found of a file stays true until the file is
// given, since only the transaction that holds the lock changes the spare
// and it changes a file only when the file is given; of a folder, until
// the transaction adds or removes one of its entries, after which the
// folder is looked up again (touch). (Anything else that changes the spare
// meanwhile is as unseen as it would be between a lookup and its use: the
// spare is not ours to guard against edits made while a build publishes.)
// A folder looked up before the transaction changed it also tells the
// prune how many entries it held then, to which the transaction counts
// those it adds (added, heldBefore).

// lookChunk is how many paths one claim looks up.
const lookChunk = 64

// A lookahead is the spare's files and folders at the paths given to
// LookAhead, looked up in chunks by its goroutine and by whoever needs
// them first (finish).
type lookahead struct {
	tree  *tree
	files []string // in increasing order
	dirs  []string // the folders of files, in increasing order ("" the root)
	found []found  // of files, then of dirs

	next    atomic.Int64 // the next chunk to claim
	chunks  int64
	pending sync.WaitGroup // one per chunk, done when looked up or skipped
	stopped atomic.Bool    // skip what is not looked up yet
	ready   atomic.Bool    // every chunk is done

	byDecl []int32 // the index in files of each declared path, -1 for none (Declare)
}

// found is what lstat said of a path.
type found struct {
	id   identity
	kind fileKind
	ok   bool
}

// LookAhead starts looking up the spare's files at paths, the files the
// new site is likely to have (the last site's), and the folders they are
// in. paths must be in increasing order, each once, and stay unchanged
// until the transaction ends. A transaction that remembers nothing, or
// whose spare it made itself, has nothing to look up; a second call does
// nothing.
func (t *Tx) LookAhead(paths []string) {
	if t.state == "" || t.empty || t.look != nil || len(paths) == 0 || !slices.IsSorted(paths) {
		return
	}
	l := &lookahead{tree: t.spareTree, files: paths}
	l.dirs = foldersOf(paths)
	l.found = make([]found, len(l.files)+len(l.dirs))
	l.chunks = int64((len(l.found) + lookChunk - 1) / lookChunk)
	l.pending.Add(int(l.chunks))
	t.look = l
	go l.run()
}

// foldersOf returns the folders the sorted clean paths are in, the root
// ("") included, in increasing order.
func foldersOf(paths []string) []string {
	seen := map[string]bool{"": true}
	for _, p := range paths {
		for d := range folders(p) {
			if seen[d] {
				break // its parents were added with it
			}
			seen[d] = true
		}
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	return dirs
}

// run looks up every chunk not claimed yet, yielding its core after each
// (a tenth of a millisecond): the build's other goroutines come first.
func (l *lookahead) run() {
	for l.claim() {
		runtime.Gosched()
	}
}

// claim looks up the next chunk, or skips it once stopped; false when
// none is left.
func (l *lookahead) claim() bool {
	k := l.next.Add(1) - 1
	if k >= l.chunks {
		return false
	}
	defer l.pending.Done()
	if l.stopped.Load() {
		return true
	}
	n := len(l.files)
	for i := k * lookChunk; i < min((k+1)*lookChunk, int64(len(l.found))); i++ {
		var rel string
		if i < int64(n) {
			rel = l.files[i]
		} else {
			rel = l.dirs[i-int64(n)]
		}
		f := &l.found[i]
		f.id, f.kind, f.ok = l.tree.lstat(rel)
	}
	return true
}

// finish looks up what is left beside the lookahead's goroutine and waits
// for it: the callers share the chunks left.
func (l *lookahead) finish() {
	if l.ready.Load() {
		return
	}
	for l.claim() {
	}
	l.pending.Wait()
	l.ready.Store(true)
}

// stop ends the lookahead's work, skipping what it has not looked up, and
// waits for the lookups under way: the tree they use is about to close.
func (l *lookahead) stop() {
	l.stopped.Store(true)
	l.finish()
}

// declare matches the declared paths, in increasing order, with the files
// looked up, walking both lists together.
func (l *lookahead) declare(paths []string) {
	l.byDecl = make([]int32, len(paths))
	j := 0
	for i, p := range paths {
		for j < len(l.files) && l.files[j] < p {
			j++
		}
		l.byDecl[i] = -1
		if j < len(l.files) && l.files[j] == p {
			l.byDecl[i] = int32(j)
		}
	}
}

// file returns what was found of the file p, the i-th declared path (-1:
// not declared), once every lookup is done; false when p was not looked up.
func (l *lookahead) file(p string, i int) (found, bool) {
	l.finish()
	j := -1
	if i >= 0 && l.byDecl != nil {
		j = int(l.byDecl[i])
	} else if k, ok := slices.BinarySearch(l.files, p); ok {
		j = k
	}
	if j < 0 {
		return found{}, false
	}
	return l.found[j], true
}

// folder returns what was found of the folder d, once every lookup is
// done; false when d was not looked up.
func (l *lookahead) folder(d string) (found, bool) {
	l.finish()
	k, ok := slices.BinarySearch(l.dirs, d)
	if !ok {
		return found{}, false
	}
	return l.found[len(l.files)+k], true
}

// spareFile is lstat of the spare's file p, the i-th declared path (-1:
// not declared), from the lookahead when it looked p up.
func (t *Tx) spareFile(p string, i int) (identity, bool) {
	if t.look != nil {
		if f, ok := t.look.file(p, i); ok {
			return f.id, f.ok && f.kind == regularFile
		}
	}
	return identifyIn(t.spareTree, p)
}

// spareFolder is lstat of the spare's folder d, from the lookahead when it
// looked d up and no entry of d was added or removed since.
func (t *Tx) spareFolder(d string) (identity, bool) {
	if t.look != nil && !t.touched(d) {
		if f, ok := t.look.folder(d); ok {
			return f.id, f.ok && f.kind == folderFile
		}
	}
	return identifyFolderIn(t.spareTree, d)
}

// touch records that the transaction adds or removes an entry of the
// spare's folder dir (a full path), whose lookup no longer holds.
func (t *Tx) touch(dir string) { t.change(dir, 0, false) }

// added records that the transaction added n new entries to the spare's
// folder dir (a full path), or, with n < 0, entries it did not count. An
// entry replaced (a file renamed over another, a folder where a file was)
// is not new. A file of the new site counted as new when it was not leaves
// the folder read (its count is more than it holds); one not counted when
// it was new would leave a stray file of the same count unseen: where the
// file system cannot tell a new entry (renameNew), the folder is uncounted.
func (t *Tx) added(dir string, n int) { t.change(dir, n, false) }

// madeNew records that the transaction made the spare's folder dir (a full
// path), which holds only what it puts there, counted (added).
func (t *Tx) madeNew(dir string) { t.change(dir, 0, true) }

// change records a change of the spare's folder dir: n entries added (see
// added), and whether the transaction made it.
func (t *Tx) change(dir string, n int, made bool) {
	if t.look == nil {
		return
	}
	rel, ok := t.spareRel(dir)
	if !ok {
		return
	}
	t.touchMu.Lock()
	defer t.touchMu.Unlock()
	if t.touchedDirs == nil {
		t.touchedDirs, t.newDirs = map[string]int{}, map[string]bool{}
	}
	switch c, ok := t.touchedDirs[rel]; {
	case n < 0 || (ok && c < 0):
		t.touchedDirs[rel] = -1
	default:
		t.touchedDirs[rel] = c + n
	}
	if made {
		t.newDirs[rel] = true
	}
}

// spareRel is the site path of the spare's folder dir, a full path.
func (t *Tx) spareRel(dir string) (string, bool) {
	rel, ok := strings.CutPrefix(dir, t.spare)
	if !ok || (rel != "" && rel[0] != filepath.Separator) {
		return "", false
	}
	return filepath.ToSlash(strings.TrimPrefix(rel, string(filepath.Separator))), true
}

// touched reports whether the transaction added or removed an entry of
// the spare's folder d, once every call but Commit has returned.
func (t *Tx) touched(d string) bool {
	_, ok := t.touchedDirs[d]
	return ok
}

// heldBefore reports whether the spare's folder d held, when it was looked
// up ahead, as many entries as the state knew (or, made by the transaction,
// none), which with the entries the transaction counted since (added) are
// want: the entries the new site puts in it, all there, and nothing else.
// A rebuild after a new seed thus need not read the folders of 5,000
// sources and inbox pages to find the one it added, nor the new folders it
// made. Once every call but Commit has returned.
func (t *Tx) heldBefore(d string, want int) bool {
	if t.look == nil {
		return false
	}
	n, ok := t.touchedDirs[d]
	if !ok || n < 0 {
		return false
	}
	if t.newDirs[d] {
		return n == want
	}
	f, ok := t.look.folder(d)
	if !ok || !f.ok || f.kind != folderFile {
		return false
	}
	k, known := t.knownDirs[f.id]
	return known && k.entries+n == want
}
