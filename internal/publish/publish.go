// Package publish replaces a site folder with a new version of the site in
// one step, writing only the files that changed.
//
// Beside the site folder dir it keeps a work folder, ".<base>.publish/",
// holding:
//
//	spare/   a second copy of the site, one version behind (or half patched
//	         by a build that was stopped); unchanged files are hard links
//	         shared with dir, so the copy costs folders, not bytes
//	lock     held (flock) while a build publishes, so two builds never
//	         patch the spare at once
//	old/     exists only for a moment when the file system cannot exchange
//	         two folders (see Commit)
//
// A build opens a transaction (Open), may tell it every path of the new
// site at once (Declare), gives every file (Put, Create or Keep), and
// commits: the spare loses the files the new site lacks, then the spare and
// dir are exchanged with renameat2(RENAME_EXCHANGE). The previous site
// becomes the spare, to be patched by the next build. The
// live folder is never written to: files are never modified in place (the
// two trees share inodes), only replaced in the spare by a file written under
// a temporary name in the same folder, which takes its place in one step
// (renameio.Replace: the two names exchanged, the old file unlinked).
//
// What is known of both trees is kept in a state file between builds: for
// each file identity (device, inode, size, modification time in
// nanoseconds) the SHA-256 of its bytes. Knowledge is per identity, not per
// path, so a file rewritten by hand, by a stopped build or by anything else is
// a new identity and is never mistaken for the old one; the same knowledge
// holds whichever tree a file is in, so it stays true across the exchange.
// The state file is sealed (see cache.WriteSealed) with the format
// "dossier-publish-3"; its body is binary, every number a little-endian
// uint64, in two runs of fixed-size records, each run after its count:
//
//	files    device, inode, size, mtime ns, then the 32-byte SHA-256
//	folders  device, inode, size, mtime ns, entries, root inode
//
// in no particular order. (It is read and written by every rebuild that
// changes something, 49,000 records for a site of 23,000 files: binary
// records cost a map insertion each, text lines several times that.) A
// folder's record says how many entries it held when it was last pruned,
// in the tree whose root folder has that inode (only the folders of the two
// current trees are kept). Adding or removing an entry changes a folder's
// modification time, so a folder whose identity is unchanged and whose
// count is what the new site puts in it is not read. (Timestamps have the
// resolution of the kernel's clock: an entry added to a folder in the same
// tick as a build recorded it would go unseen, which only a hand edit in
// that instant can do.) A missing or damaged state file, or one of another
// version, only means nothing is known: every file and folder is checked
// again and files are rewritten.
//
// A rebuild thus costs one lstat per file and per folder, writes the files
// that changed, hardlinks those the previous build changed (the spare is one
// version behind), creates only new folders and removes only stale entries
// (a spare the transaction made is not swept, unless it gave a file up);
// the state file is rewritten only when something changed. The lstat calls
// of the files a build expects (the last site's) can be made ahead, on a
// goroutine of their own, while the build has other work (LookAhead).
//
// A build stopped at any moment leaves dir a whole site, the old or the new
// one. Before the exchange only the spare was touched; the next build finds
// its stale and half-written files by their identities and by the prune, and
// repairs them. Leftover folders of older versions of this package
// (".<base>.tmp-*", ".<base>.old-*") are removed by Open.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Options configure a transaction.
type Options struct {
	// State is the file where what is known of the published files is kept
	// between builds (it belongs in the project's cache folder, not beside
	// the site). "" remembers nothing: no sums are computed, Put always
	// writes, and Keep knows nothing.
	State string
	// Warn receives problems that do not stop publishing: a damaged state
	// file (everything is checked again) or one that could not be saved (the
	// next build rewrites what it cannot vouch for). Nil drops them.
	Warn func(error)
	// Read, when it is State read ahead (ReadState), is taken instead of
	// reading State again.
	Read *State
}

// Stats counts what a transaction did to the spare tree.
type Stats struct {
	Files     int  // files of the new site
	Unchanged int  // files the spare already held: nothing done
	Linked    int  // files hardlinked from the live site into the spare
	Written   int  // files written
	Removed   int  // spare files and folders the new site lacks, removed (a folder counts once)
	Folders   int  // folders created
	Exchanged bool // the swap was atomic (false: two renames, or a first site)
}

// Tx is a new version of a site being prepared in the spare tree. Put,
// Create and Keep may be called from many goroutines; Commit or Abort
// ends it, after every other call has returned.
type Tx struct {
	dir, work, spare string
	state            string // "" remembers nothing
	warn             func(error)
	known            knownFiles          // files, from the state file; read only
	held             []atomic.Bool       // the records of known found true again (learn)
	knownDirs        map[identity]folder // folders, from the state file; read only
	spareRoot        uint64              // inode of the spare's root folder
	liveRoot         uint64              // inode of dir (0: none yet)
	spareTree        *tree               // the spare and dir, for looking up their files; nil until prepared
	liveTree         *tree
	look             *lookahead // the spare's files and folders looked up ahead (LookAhead); nil: none
	touchMu          sync.Mutex
	touchedDirs      map[string]int  // the spare's folders whose entries changed since they were looked up ahead: how many were added (-1: not counted)
	newDirs          map[string]bool // the spare's folders the transaction made
	lock             *os.File
	exchange         func(a, b string) error
	reached          func(step string) // nil; tests stop the process at a step
	temp             string            // prefix of this transaction's temporary names
	empty            bool              // the spare was made by this transaction: no file can be in the way
	made             sync.Map          // in such a spare, the folders create has made (or found) for its files
	seq              atomic.Uint64     // makes temporary names unique

	unchanged, linked, written, folders atomic.Int64
	swept                               atomic.Int64 // folders the prune read (for tests)

	dropped atomic.Bool // a file was given up (unreserve): its folders may be in the spare
	ended   atomic.Bool
	// The new site's files: as Declare was told them, or else as they are
	// given, with the folders they need (reserve).
	decl     *declared
	mu       sync.Mutex
	files    map[string]bool     // nil until a file is given undeclared
	dirs     map[string]int      // folders of files, with how many files need them
	seenDirs map[identity]folder // knowledge of the spare's folders, found by prune
	// seen is the knowledge of files that holds after this transaction;
	// every kept file adds to it, from every goroutine, so it is in shards
	// with a lock each.
	seen [seenShards]seenShard
}

// seenShards is how many locks the knowledge of files is kept under: with
// one, a build's workers kept waking each other for it once per file.
const seenShards = 32

type seenShard struct {
	mu sync.Mutex
	m  map[identity][32]byte
	_  [64 - 16]byte // a shard to a 64-byte cache line: a lock taken does not slow its neighbour's
}

// Open starts a new version of the site folder dir: it removes leftovers of
// interrupted builds, takes the lock, repairs what a stopped swap left, and
// prepares the spare tree. The live site is not touched until Commit.
func Open(dir string, o Options) (*Tx, error) {
	dir, err := siteFolder(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	t := &Tx{
		dir:      dir,
		work:     workFolder(dir),
		state:    o.State,
		warn:     o.Warn,
		exchange: exchange,
		temp:     fmt.Sprintf(".publish-%d-%d-", os.Getpid(), randomInt()),
		dirs:     map[string]int{},
	}
	t.spare = filepath.Join(t.work, "spare")
	if t.warn == nil {
		t.warn = func(error) {}
	}
	if err := t.prepare(parent, base); err != nil {
		t.release()
		return nil, err
	}
	if t.state != "" {
		var err error
		if r := o.Read; r != nil && r.file == t.state {
			t.known, t.knownDirs, err = r.all()
		} else {
			t.known, t.knownDirs, err = loadState(t.state)
		}
		if err != nil {
			t.warn(err)
		}
	}
	t.held = make([]atomic.Bool, t.known.records())
	for i := range t.seen {
		t.seen[i].m = map[identity][32]byte{}
	}
	t.seenDirs = make(map[identity]folder, len(t.knownDirs))
	return t, nil
}

// siteFolder is the folder a site at dir is published into: dir, or the
// folder it links to. Exchanging the link itself would leave the site
// behind it stale.
func siteFolder(dir string) (string, error) {
	dir = filepath.Clean(dir)
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if dir, err = filepath.EvalSymlinks(dir); err != nil {
			return "", fmt.Errorf("publish: %w", err)
		}
	}
	return dir, nil
}

// Published reports whether a site was published at dir before: its work
// folder is there.
func Published(dir string) bool {
	dir, err := siteFolder(dir)
	if err != nil {
		return false
	}
	info, err := os.Stat(workFolder(dir))
	return err == nil && info.IsDir()
}

// workFolder is the work folder of the site folder dir (see the package
// comment).
func workFolder(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".publish")
}

// prepare makes the work folder and the spare, holding the lock.
func (t *Tx) prepare(parent, base string) error {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return t.fail("cannot create the folder holding "+t.dir, err)
	}
	if info, err := os.Stat(t.dir); err == nil && !info.IsDir() {
		return fmt.Errorf("publish: %s is a file, not a site folder; move it away and build again", t.dir)
	}
	if err := removeOldLeftovers(parent, base); err != nil {
		return t.fail("cannot remove a leftover of an interrupted build", err)
	}
	if err := os.Mkdir(t.work, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return t.fail("cannot create the work folder "+t.work, err)
	}
	lock, err := os.OpenFile(filepath.Join(t.work, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return t.fail("cannot open the lock file in "+t.work, err)
	}
	t.lock = lock
	if ok, err := lockFile(lock); err != nil {
		return t.fail("cannot lock "+lock.Name(), err)
	} else if !ok {
		return fmt.Errorf("publish: another build is publishing %s right now (it holds %s); wait for it to finish and build again", t.dir, lock.Name())
	}
	if err := t.recoverSwap(); err != nil {
		return t.fail("cannot finish the swap a stopped build began", err)
	}
	info, err := os.Lstat(t.spare)
	if err == nil && !info.IsDir() {
		if err := os.Remove(t.spare); err != nil {
			return t.fail("cannot replace "+t.spare, err)
		}
	}
	if err != nil || !info.IsDir() {
		if err := os.Mkdir(t.spare, 0o755); err != nil {
			return t.fail("cannot create the spare folder "+t.spare, err)
		}
		t.empty = true
	}
	t.spareRoot, t.liveRoot = rootOf(t.spare), rootOf(t.dir)
	t.spareTree, t.liveTree = openTree(t.spare), openTree(t.dir)
	return nil
}

// recoverSwap finishes or undoes a two-rename swap that was stopped: dir
// was moved to old, then the spare to dir, then old to the spare.
func (t *Tx) recoverSwap() error {
	old := filepath.Join(t.work, "old")
	if _, err := os.Lstat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Lstat(t.dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(old, t.dir) // stopped after the first rename: the old site returns
	}
	if _, err := os.Lstat(t.spare); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(old, t.spare) // stopped after the second: the new site is in place
	}
	return os.RemoveAll(old)
}

// removeOldLeftovers removes the temporary folders earlier versions of this
// package left beside dir when a build was interrupted.
func removeOldLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && (strings.HasPrefix(e.Name(), "."+base+".tmp-") || strings.HasPrefix(e.Name(), "."+base+".old-")) {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// Commit makes the spare tree exactly the new site (removing the files and
// folders it lacks), saves the state, and exchanges the spare with the live
// site in one step. When the file system cannot exchange folders, it uses
// two renames and dir is absent for a moment; the next Open repairs a build
// stopped in between. On error the live site is unchanged.
func (t *Tx) Commit() (Stats, error) {
	if err := t.end(); err != nil {
		return Stats{}, err
	}
	defer t.release()
	st := Stats{
		Files:     t.countFiles(),
		Unchanged: int(t.unchanged.Load()),
		Linked:    int(t.linked.Load()),
		Written:   int(t.written.Load()),
		Folders:   int(t.folders.Load()),
	}
	removed, err := t.prune()
	st.Removed = removed
	if err != nil {
		return st, t.fail("cannot remove a stale file from "+t.spare, err)
	}
	t.step("pruned")
	// The state speaks of identities, which the exchange does not change:
	// saved before it, it is true whether or not the exchange happens.
	t.saveState()
	t.step("saved")
	exchanged, err := t.swap()
	if err != nil {
		return st, t.fail("cannot replace "+t.dir, err)
	}
	t.step("swapped")
	st.Exchanged = exchanged
	return st, nil
}

// Abort ends the transaction; the live site stays as it was. The spare
// keeps what was patched so far, which the next build checks and reuses.
func (t *Tx) Abort() {
	if t.end() == nil {
		t.release()
	}
}

// end marks the transaction over, so that late calls are refused.
func (t *Tx) end() error {
	t.mu.Lock() // a file given undeclared is added under it (add)
	defer t.mu.Unlock()
	if !t.ended.CompareAndSwap(false, true) {
		return errors.New("publish: the transaction is already committed or aborted")
	}
	return nil
}

// countFiles is how many files the new site has.
func (t *Tx) countFiles() int {
	n := 0
	for range t.newFiles() {
		n++
	}
	return n
}

func (t *Tx) release() {
	if t.look != nil {
		t.look.stop()
	}
	t.spareTree.close()
	t.liveTree.close()
	if t.lock != nil {
		t.lock.Close() // closing releases the flock
		t.lock = nil
	}
}

// errNoExchange means the file system cannot exchange two folders.
var errNoExchange = errors.New("the file system cannot exchange two folders")

// swap puts the spare in the place of dir and dir in the place of the spare.
func (t *Tx) swap() (exchanged bool, err error) {
	if _, err := os.Lstat(t.dir); errors.Is(err, fs.ErrNotExist) {
		// A first site: the next Open makes a new spare.
		return false, os.Rename(t.spare, t.dir)
	}
	err = t.exchange(t.spare, t.dir)
	if !errors.Is(err, errNoExchange) {
		return err == nil, err
	}
	old := filepath.Join(t.work, "old")
	if err := os.Rename(t.dir, old); err != nil {
		return false, err
	}
	t.step("moved aside")
	if err := os.Rename(t.spare, t.dir); err != nil {
		if rerr := os.Rename(old, t.dir); rerr != nil {
			return false, fmt.Errorf("%w; the previous site is in %s: move it back to %s", err, old, t.dir)
		}
		return false, err
	}
	t.step("moved in")
	if err := os.Rename(old, t.spare); err != nil {
		// The new site is in place all the same.
		t.warn(fmt.Errorf("publish: the previous site stays in %s: %w; the next build moves it back to %s", old, err, t.spare))
	}
	return false, nil
}

// step tells a test that the transaction reached a step of Commit.
func (t *Tx) step(name string) {
	if t.reached != nil {
		t.reached(name)
	}
}

// fail says what failed, that the live site is intact, and what to do.
func (t *Tx) fail(what string, err error) error {
	return fmt.Errorf("publish: %s: %w (the previous site is unchanged)%s", what, err, hint(err, t.dir))
}

// hint says what to do about the usual reasons writing a site fails.
func hint(err error, dir string) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "; free some disk space and build again"
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("; make the folder holding %s writable, or publish to another folder", dir)
	}
	return ""
}

// Write replaces the folder dir with exactly the given files (path → bytes,
// slash-separated, relative to dir), remembering nothing between calls.
func Write(dir string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	t, err := Open(dir, Options{})
	if err != nil {
		return err
	}
	for _, p := range paths {
		if _, err := t.Put(p, files[p]); err != nil {
			t.Abort()
			return err
		}
	}
	_, err = t.Commit()
	return err
}
