package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot reads the site under dir: path → content, plus "path/" for every
// empty folder, so that stray folders show too.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			if entries, err := os.ReadDir(p); err == nil && len(entries) == 0 && p != dir {
				got[rel+"/"] = ""
			}
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got[rel] = string(b)
		default:
			got[rel] = "(not a regular file: " + d.Type().String() + ")"
		}
		return nil
	})
	require.NoError(t, err, "reading %s", dir)
	return got
}

func strs(files map[string][]byte) map[string]string {
	m := make(map[string]string, len(files))
	for p, b := range files {
		m[p] = string(b)
	}
	return m
}

// publisher publishes versions of a site as a build does: a file whose
// bytes equal the previous version's is kept by the sum Put returned for
// it, any other is put.
type publisher struct {
	dir, state string
	prev       map[string][]byte   // the version last committed
	sums       map[string][32]byte // its sums, as Put returned them
	read       *State              // the next transaction's state, read ahead
	declare    bool                // tell the transaction every file first (Declare)
	lookAhead  bool                // look up the previous version's files first (LookAhead)
}

func (pb *publisher) publish(t testing.TB, files map[string][]byte) Stats {
	t.Helper()
	tx, err := Open(pb.dir, Options{State: pb.state, Read: pb.read, Warn: func(err error) { t.Errorf("warning: %v", err) }})
	pb.read = nil
	require.NoError(t, err)
	if pb.lookAhead {
		tx.LookAhead(sortedKeys(pb.prev))
	}
	if pb.declare {
		paths := slices.Collect(maps.Keys(files)) // in no order: Declare sorts them
		paths = append(paths, "declared/not/given.html")
		require.NoError(t, tx.Declare(paths))
	}
	sums := map[string][32]byte{}
	for _, p := range sortedKeys(files) {
		if old, ok := pb.prev[p]; ok && string(old) == string(files[p]) && pb.state != "" {
			kept, err := tx.Keep(p, pb.sums[p])
			require.NoError(t, err, "keep %s", p)
			if kept {
				sums[p] = pb.sums[p]
				continue
			}
		}
		sums[p], err = tx.Put(p, files[p])
		require.NoError(t, err, "put %s", p)
		if pb.state != "" {
			require.Equal(t, sha256.Sum256(files[p]), sums[p], "Put returns the sum of %s", p)
		}
	}
	st, err := tx.Commit()
	require.NoError(t, err)
	pb.prev, pb.sums = files, sums
	assert.Equal(t, strs(files), snapshot(t, pb.dir), "the live site is exactly the new version")
	return st
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// smallSite is a site of n pages in folders, with the given revision of
// page 0.
func smallSite(n, rev int) map[string][]byte {
	files := map[string][]byte{"index.html": []byte("home"), "style.css": []byte("body{}")}
	for i := range n {
		files[fmt.Sprintf("pages/p%02d/index.html", i)] = fmt.Appendf(nil, "page %d", i)
	}
	files["pages/p00/index.html"] = fmt.Appendf(nil, "page 0, revision %d", rev)
	return files
}

// steady publishes a site of n pages twice, so that both trees hold it.
func steady(t *testing.T, n int) (*publisher, map[string][]byte) {
	pb, site := newPublisher(t), smallSite(n, 0)
	pb.publish(t, site)
	pb.publish(t, site)
	return pb, site
}

func newPublisher(t testing.TB) *publisher {
	parent := t.TempDir()
	return &publisher{dir: filepath.Join(parent, "public"), state: filepath.Join(parent, "cache", "publish.state")}
}

// eachWay runs f with a publisher that gives its files one by one and with
// one that declares them first (with a file it does not give), each with
// and without looking up the previous version's files ahead.
func eachWay(t *testing.T, f func(t *testing.T, pb *publisher)) {
	for _, declare := range []bool{false, true} {
		for _, ahead := range []bool{false, true} {
			t.Run(fmt.Sprintf("declare=%v,lookahead=%v", declare, ahead), func(t *testing.T) {
				pb := newPublisher(t)
				pb.declare, pb.lookAhead = declare, ahead
				f(t, pb)
			})
		}
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) { eachWay(t, rebuildWritesOnlyWhatChanged) }

func rebuildWritesOnlyWhatChanged(t *testing.T, pb *publisher) {
	n := 20
	files := len(smallSite(n, 0))
	steps := []struct {
		name  string
		rev   int
		want  Stats
		still bool // nothing at all is written, not even the state
	}{
		{"first build writes every file", 0, Stats{Files: files, Written: files, Folders: n + 1}, false},
		{"second build links every file into the new spare", 0, Stats{Files: files, Linked: files, Folders: n + 1, Exchanged: true}, false},
		{"nothing changed: nothing done", 0, Stats{Files: files, Unchanged: files, Exchanged: true}, true},
		{"one file changed: one write", 1, Stats{Files: files, Unchanged: files - 1, Written: 1, Exchanged: true}, false},
		{"then the other tree catches up with one link", 1, Stats{Files: files, Unchanged: files - 1, Linked: 1, Exchanged: true}, false},
		{"nothing changed again: nothing done", 1, Stats{Files: files, Unchanged: files, Exchanged: true}, true},
		{"one file changed back", 0, Stats{Files: files, Unchanged: files - 1, Written: 1, Exchanged: true}, false},
		{"and again: the spare still has those bytes", 1, Stats{Files: files, Unchanged: files, Exchanged: true}, false},
	}
	for _, s := range steps {
		before, _ := os.Stat(pb.state)
		got := pb.publish(t, smallSite(n, s.rev))
		assert.Equal(t, s.want, got, "%s", s.name)
		if s.still {
			after, err := os.Stat(pb.state)
			require.NoError(t, err)
			assert.Equal(t, before.ModTime(), after.ModTime(), "%s: the state file is not rewritten", s.name)
		}
	}
}

func TestDeletedFilesDisappear(t *testing.T) { eachWay(t, deletedFilesDisappear) }

func deletedFilesDisappear(t *testing.T, pb *publisher) {
	v1 := smallSite(3, 0)
	v1["gone/deep/page.html"] = []byte("soon deleted, with its folders")
	v1["pages/p01/extra.html"] = []byte("soon deleted, not its folder")
	pb.publish(t, v1)
	pb.publish(t, v1)
	v2 := smallSite(3, 0)
	st := pb.publish(t, v2) // publish checks the live site is exactly v2
	assert.Equal(t, 2, st.Removed, "a file, and a folder with all it holds")
	assert.NoDirExists(t, filepath.Join(pb.dir, "gone"))
	st = pb.publish(t, v2)
	assert.Equal(t, 2, st.Removed, "the other tree loses them on the next build")
	st = pb.publish(t, v2)
	assert.Zero(t, st.Removed)
}

func TestFolderAndFileTradePlaces(t *testing.T) { eachWay(t, folderAndFileTradePlaces) }

func folderAndFileTradePlaces(t *testing.T, pb *publisher) {
	asFolder := map[string][]byte{"x/index.html": []byte("folder"), "y": []byte("file")}
	asFile := map[string][]byte{"x": []byte("file"), "y/index.html": []byte("folder")}
	for range 3 {
		pb.publish(t, asFolder)
		pb.publish(t, asFile)
	}
}

func TestLookTrustsOnlyUnchangedFiles(t *testing.T) {
	edits := map[string]func(full string) error{
		"rewritten in place": func(full string) error { return os.WriteFile(full, []byte("hand edit"), 0o644) },
		"replaced by a new file": func(full string) error {
			if err := os.Remove(full); err != nil {
				return err
			}
			return os.WriteFile(full, []byte("hand edit"), 0o644)
		},
	}
	for name, edit := range edits {
		pb, site := steady(t, 2)

		live, err := Look(pb.dir, ReadState(pb.state))
		require.NoError(t, err)
		sum, ok := live.Sum("index.html")
		assert.True(t, ok, "%s: a published file is known", name)
		assert.Equal(t, sha256.Sum256(site["index.html"]), sum, "%s", name)
		_, ok = live.Sum("missing.html")
		assert.False(t, ok, "%s: a missing file is not known", name)
		live.Close()

		require.NoError(t, edit(filepath.Join(pb.dir, "index.html")))
		live, err = Look(pb.dir, ReadState(pb.state))
		require.NoError(t, err)
		_, ok = live.Sum("index.html")
		assert.False(t, ok, "%s: an edited live file is not trusted", name)
		live.Close()

		// The build keeps what it can vouch for and puts the rest: either way
		// the live site returns to what the build made.
		pb.publish(t, site)
	}
}

func TestKeepRefusesWhatItCannotVouchFor(t *testing.T) {
	pb := newPublisher(t)
	site := smallSite(2, 0)
	pb.publish(t, site)

	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	kept, err := tx.Keep("index.html", sha256.Sum256([]byte("other bytes")))
	require.NoError(t, err)
	assert.False(t, kept, "a sum the live file does not have")
	kept, err = tx.Keep("missing.html", sha256.Sum256(nil))
	require.NoError(t, err)
	assert.False(t, kept, "a file the live site lacks")
	require.NoError(t, put(tx, "index.html", site["index.html"]), "a file Keep refused can be put")
	tx.Abort()

	tx, err = Open(pb.dir, Options{})
	require.NoError(t, err)
	kept, err = tx.Keep("index.html", sha256.Sum256(site["index.html"]))
	require.NoError(t, err)
	assert.False(t, kept, "without a state nothing is known")
	tx.Abort()
}

func TestHandEditedSpareIsRepaired(t *testing.T) { eachWay(t, handEditedSpareIsRepaired) }

func handEditedSpareIsRepaired(t *testing.T, pb *publisher) {
	site := smallSite(3, 0)
	for range 3 {
		pb.publish(t, site)
	}
	spare := filepath.Join(filepath.Dir(pb.dir), ".public.publish", "spare")
	require.Equal(t, strs(site), snapshot(t, spare), "precondition: the spare holds the site")

	// Damage the spare as a stopped build or a person could.
	replace := func(p, content string) {
		full := filepath.Join(spare, p)
		require.NoError(t, os.RemoveAll(full))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	replace("index.html", "damaged")
	require.NoError(t, os.Remove(filepath.Join(spare, "pages/p01/index.html")))
	replace("pages/p01/index.html/oops", "a folder where a file belongs")
	replace("pages/p02", "a file where a folder belongs")
	replace("stray.html", "not in the site")
	replace("pages/p00/.publish-1-2-3", "a temporary file of a stopped build")
	require.NoError(t, os.MkdirAll(filepath.Join(spare, "empty/folder"), 0o755))
	// As many entries as before, in a folder known from the last build.
	require.NoError(t, os.Remove(filepath.Join(spare, "pages/p00/index.html")))
	replace("pages/p00/other.html", "one stray file for one missing")
	// And a stray file in the live site, which is the next build's spare.
	require.NoError(t, os.WriteFile(filepath.Join(pb.dir, "pages/p01/stray.html"), []byte("x"), 0o644))

	st := pb.publish(t, site) // checks the live site is exactly the site
	assert.Positive(t, st.Linked+st.Written, "damaged files are replaced")
	assert.Positive(t, st.Removed, "stray files are removed")
	pb.publish(t, site)
	assert.Equal(t, strs(site), snapshot(t, spare), "the other tree is repaired too")
}

func TestStateFormat(t *testing.T) {
	le := binary.LittleEndian
	u := func(ns ...uint64) []byte {
		var b []byte
		for _, n := range ns {
			b = le.AppendUint64(b, n)
		}
		return b
	}
	sum := bytes.Repeat([]byte{0xab}, 32)
	file := slices.Concat(u(1, 2, 3, 4), sum)
	dir := u(1, 5, 4096, 6, 2, 7)
	tests := []struct {
		name string
		body []byte
		err  string
	}{
		{"a file and a folder", slices.Concat(u(1), file, u(1), dir), ""},
		{"nothing known", u(0, 0), ""},
		{"empty", nil, "0 bytes where a count of records should be"},
		{"no folder count", slices.Concat(u(1), file), "0 bytes where a count"},
		{"a file cut short", slices.Concat(u(1), file[:40]), "1 records of 64 bytes announced, 40 bytes left"},
		{"a folder cut short", slices.Concat(u(1), file, u(1), dir[:47]), "1 records of 48 bytes announced, 47 bytes left"},
		{"a count beyond the body", slices.Concat(u(1<<62), file, u(0)), "announced"},
		{"bytes after the records", slices.Concat(u(1), file, u(1), dir, []byte{0}), "1 bytes after the last record"},
		{"an impossible count of entries", slices.Concat(u(0, 1), u(1, 5, 4096, 6, 1<<40, 7)), "folder record 1: 1099511627776 entries"},
	}
	for _, tc := range tests {
		known, err := parseState(tc.body)
		files := known.asMap()
		var dirs map[identity]folder
		if err == nil {
			dirs, err = parseFolders(tc.body)
		}
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, tc.name)
			continue
		}
		require.NoError(t, err, tc.name)
		if len(tc.body) > 16 {
			assert.Equal(t, map[identity][32]byte{{1, 2, 3, 4}: [32]byte(sum)}, files, tc.name)
			assert.Equal(t, map[identity]folder{{1, 5, 4096, 6}: {2, 7}}, dirs, tc.name)
		} else {
			assert.Empty(t, files, tc.name)
			assert.Empty(t, dirs, tc.name)
		}
	}
}

// asMap is what k knows, as a map.
func (k knownFiles) asMap() map[identity][32]byte {
	m := map[identity][32]byte{}
	for id := range k.index {
		m[id], _, _ = k.lookup(id)
	}
	return m
}

// knowing returns what a state file that knows files knows of them.
func knowing(t testing.TB, files map[identity][32]byte) knownFiles {
	var body []byte
	body = binary.LittleEndian.AppendUint64(body, uint64(len(files)))
	for id, sum := range files {
		body = append(appendIdentity(body, id), sum[:]...)
	}
	body = binary.LittleEndian.AppendUint64(body, 0)
	k, err := parseState(body)
	require.NoError(t, err)
	return k
}

// know makes tx know files from the state file, as Open would.
func know(t testing.TB, tx *Tx, files map[identity][32]byte) {
	tx.known = knowing(t, files)
	tx.held = make([]atomic.Bool, tx.known.records())
}

// stateTx is a transaction that has learnt 300 files and 300 folders, and
// what it learnt of the files.
func stateTx(t *testing.T) (*Tx, map[identity][32]byte) {
	tx := &Tx{state: filepath.Join(t.TempDir(), "state"), seenDirs: map[identity]folder{},
		warn: func(err error) { t.Fatal(err) }}
	for i := range tx.seen {
		tx.seen[i].m = map[identity][32]byte{}
	}
	seen := map[identity][32]byte{}
	for i := range 300 {
		id, sum := identity{dev: 2049, ino: uint64(1e7 + i*13), size: int64(i), mtime: -1 + int64(i)*1e5}, sha256.Sum256(fmt.Append(nil, i))
		tx.learn(id, sum)
		seen[id] = sum
		tx.seenDirs[identity{dev: 7, ino: uint64(i), size: 4096, mtime: 1.7e18 + int64(i)}] = folder{i, uint64(1 + i%2)}
	}
	return tx, seen
}

func TestStateRoundTrips(t *testing.T) {
	tx, seen := stateTx(t)
	tx.saveState()
	files, dirs, err := loadState(tx.state)
	require.NoError(t, err)
	assert.Equal(t, seen, files.asMap())
	assert.Equal(t, tx.seenDirs, dirs)
}

func TestStateIsSavedOnlyWhenItChanged(t *testing.T) {
	tx, seen := stateTx(t)
	know(t, tx, seen)
	tx.knownDirs = maps.Clone(tx.seenDirs)
	tx.saveState()
	assert.NoFileExists(t, tx.state, "what was known is what is known: nothing to save")

	// The same, learnt as a transaction learns files it finds as known:
	// marking their records.
	fresh, _ := stateTx(t)
	know(t, fresh, seen)
	fresh.knownDirs = maps.Clone(fresh.seenDirs)
	for i := range fresh.seen {
		fresh.seen[i].m = map[identity][32]byte{}
	}
	for id, sum := range seen {
		fresh.learn(id, sum)
	}
	fresh.saveState()
	assert.NoFileExists(t, fresh.state, "what was known is what is known, found again: nothing to save")
	var forgot identity
	for id := range seen {
		forgot = id
		break
	}
	_, rec, _ := fresh.known.lookup(forgot)
	fresh.held[rec].Store(false)
	fresh.saveState()
	files, _, err := loadState(fresh.state)
	require.NoError(t, err)
	want := maps.Clone(seen)
	delete(want, forgot)
	assert.Equal(t, want, files.asMap(), "a file not found again: saved without it")

	other := maps.Clone(seen)
	other[forgot] = [32]byte{1} // one file known with other bytes
	know(t, tx, other)
	tx.saveState()
	files, _, err = loadState(tx.state)
	require.NoError(t, err)
	assert.Equal(t, seen, files.asMap(), "one sum differs: saved")

	require.NoError(t, os.Remove(tx.state))
	other = maps.Clone(seen)
	other[identity{ino: 1}] = [32]byte{2} // one more known than seen
	know(t, tx, other)
	tx.saveState()
	files, _, err = loadState(tx.state)
	require.NoError(t, err)
	assert.Equal(t, seen, files.asMap(), "a file known no more: saved")

	require.NoError(t, os.Remove(tx.state))
	know(t, tx, seen)
	for id, d := range tx.knownDirs {
		tx.knownDirs[id] = folder{d.entries + 1, d.root} // one folder known with another count
		break
	}
	tx.saveState()
	files, dirs, err := loadState(tx.state)
	require.NoError(t, err)
	assert.Equal(t, seen, files.asMap(), "the files as they are known: saved with the folders")
	assert.Equal(t, tx.seenDirs, dirs, "a folder's count differs: saved")
}

func TestPathsAreChecked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	tx, err := Open(dir, Options{})
	require.NoError(t, err)
	defer tx.Abort()
	for _, bad := range []string{"../evil.html", "/etc/evil", "a/../../evil", "", ".", "a//b", "./a", "a/"} {
		assert.ErrorContains(t, put(tx, bad, []byte("x")), "outside the site folder", "Put %q", bad)
		_, err := tx.Keep(bad, [32]byte{})
		assert.ErrorContains(t, err, "outside the site folder", "Keep %q", bad)
		_, err = tx.Create(bad)
		assert.ErrorContains(t, err, "outside the site folder", "Create %q", bad)
	}
	require.NoError(t, put(tx, "a/b", []byte("x")))
	assert.ErrorContains(t, put(tx, "a/b", []byte("x")), "given twice")
	assert.ErrorContains(t, put(tx, "a", []byte("x")), "both a file and a folder")
	assert.ErrorContains(t, put(tx, "a/b/c", []byte("x")), "both a file and a folder")
}

func TestSecondTransactionWaitsForTheFirst(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	tx, err := Open(dir, Options{})
	require.NoError(t, err)
	_, err = Open(dir, Options{})
	assert.ErrorContains(t, err, "another build is publishing")
	tx.Abort()
	tx, err = Open(dir, Options{})
	require.NoError(t, err, "the lock is released by Abort")
	_, err = tx.Commit()
	require.NoError(t, err)
	_, err = tx.Commit()
	assert.Error(t, err, "a transaction commits once")
	assert.Error(t, put(tx, "late.html", nil), "no file after Commit")
}

// TestOpenTakesTheStateReadAhead publishes with the state read ahead of
// the transaction: read just before, it does what reading it in Open does;
// read before another build published, it knows too little, and the files
// it does not know are made again, never taken for what they are not; a
// state read of another file is not taken.
func TestOpenTakesTheStateReadAhead(t *testing.T) {
	n := 20
	files := len(smallSite(n, 0))
	pb, _ := steady(t, n)
	pb.read = ReadState(pb.state)
	assert.Equal(t, Stats{Files: files, Unchanged: files, Exchanged: true}, pb.publish(t, smallSite(n, 0)), "read just before")

	stale := ReadState(pb.state)
	pb.publish(t, smallSite(n, 1))
	pb.publish(t, smallSite(n, 2))
	pb.read = stale
	got := pb.publish(t, smallSite(n, 2)) // the page changed twice is unknown to the stale state
	assert.Equal(t, files, got.Files)
	assert.Equal(t, files-1, got.Unchanged, "read before two builds")
	assert.Equal(t, 1, got.Linked+got.Written, "the page the stale state does not know is made again")

	// The spare catches up with one link, as without a state read ahead;
	// an empty state taken instead would know nothing of either tree.
	pb.read = ReadState(filepath.Join(t.TempDir(), "other.state"))
	assert.Equal(t, Stats{Files: files, Unchanged: files - 1, Linked: 1, Exchanged: true}, pb.publish(t, smallSite(n, 2)), "another file's state is not taken")
}

// Look holds the lock like a transaction, refuses a site a stopped swap
// left, and answers only for paths inside the site.
func TestLookNeedsAQuietSite(t *testing.T) {
	pb, site := steady(t, 2)
	work := filepath.Join(filepath.Dir(pb.dir), ".public.publish")
	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	_, err = Look(pb.dir, ReadState(pb.state))
	assert.ErrorContains(t, err, "another build is publishing", "no look while a build publishes")
	tx.Abort()

	live, err := Look(pb.dir, ReadState(pb.state))
	require.NoError(t, err)
	_, err = Open(pb.dir, Options{State: pb.state})
	assert.ErrorContains(t, err, "another build is publishing", "the look holds the lock")
	sum, ok := live.Sum("index.html")
	assert.True(t, ok)
	assert.Equal(t, sha256.Sum256(site["index.html"]), sum)
	// The spare holds the same files, known by their identities: a path
	// that leads there is still not the site's.
	_, ok = live.Sum("../.public.publish/spare/index.html")
	assert.False(t, ok, "a path out of the site")
	for _, bad := range []string{"/" + filepath.ToSlash(pb.dir) + "/index.html", "pages/../index.html", "./index.html", ""} {
		_, ok := live.Sum(bad)
		assert.False(t, ok, "Sum %q", bad)
	}
	live.Close()

	require.NoError(t, os.Mkdir(filepath.Join(work, "old"), 0o755))
	_, err = Look(pb.dir, ReadState(pb.state))
	assert.ErrorContains(t, err, "swap to finish")
	require.NoError(t, os.Remove(filepath.Join(work, "old")))

	_, err = Look(filepath.Join(t.TempDir(), "public"), ReadState(pb.state))
	assert.Error(t, err, "nothing was published there")
}

// A damaged state, or one of another version, knows nothing: every file is
// written again. The damage is reported; another program's state is not.
func TestDamagedStateIsIgnored(t *testing.T) {
	for _, tc := range []struct {
		name, warning string
		write         func(file string) error
	}{
		{"damaged", "checksum mismatch", func(file string) error {
			return os.WriteFile(file, []byte(stateFormat+" 0000\n1 2 3 4 5\n"), 0o644)
		}},
		{"another version's", "", func(file string) error {
			return cache.WriteSealed(file, "dossier-publish-1", []byte("f 1 2 3 4 "+strings.Repeat("ab", 32)+"\n"))
		}},
	} {
		pb, site := steady(t, 2)
		require.NoError(t, tc.write(pb.state))
		live, err := Look(pb.dir, ReadState(pb.state))
		if tc.warning != "" {
			assert.ErrorContains(t, err, tc.warning, "a %s state gives no look at the site", tc.name)
		} else if assert.NoError(t, err) {
			_, ok := live.Sum("index.html")
			assert.False(t, ok, "a %s state knows nothing", tc.name)
			live.Close()
		}
		var warnings []string
		tx, err := Open(pb.dir, Options{State: pb.state, Warn: func(err error) { warnings = append(warnings, err.Error()) }})
		require.NoError(t, err)
		for p, b := range site {
			require.NoError(t, put(tx, p, b))
		}
		st, err := tx.Commit()
		require.NoError(t, err)
		assert.Equal(t, len(site), st.Written, "every file is rewritten after a %s state", tc.name)
		if tc.warning == "" {
			assert.Empty(t, warnings, tc.name)
		} else if assert.Len(t, warnings, 1, tc.name) {
			assert.Contains(t, warnings[0], tc.warning)
		}
		assert.Equal(t, strs(site), snapshot(t, pb.dir))
	}
}

func TestWithoutStateEveryFileIsWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	site := smallSite(5, 0)
	for range 3 {
		tx, err := Open(dir, Options{})
		require.NoError(t, err)
		for p, b := range site {
			require.NoError(t, put(tx, p, b))
		}
		st, err := tx.Commit()
		require.NoError(t, err)
		assert.Equal(t, len(site), st.Written)
		assert.Equal(t, strs(site), snapshot(t, dir))
	}
}

func TestCreateHashesOnTheWay(t *testing.T) {
	pb, site := steady(t, 2)

	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	for _, p := range sortedKeys(site) {
		w, err := tx.Create(p)
		require.NoError(t, err)
		half := len(site[p]) / 2
		_, err = w.Write(site[p][:half])
		require.NoError(t, err)
		_, err = w.Write(site[p][half:])
		require.NoError(t, err)
		require.NoError(t, w.Close())
		assert.Equal(t, sha256.Sum256(site[p]), w.Sum(), "the sum of %s", p)
	}
	w, err := tx.Create("new.html")
	require.NoError(t, err)
	_, err = w.Write([]byte("new"))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	w, err = tx.Create("dropped.html")
	require.NoError(t, err)
	w.Discard()
	st, err := tx.Commit()
	require.NoError(t, err)
	assert.Equal(t, len(site), st.Unchanged, "bytes the spare had are dropped, the old file stays")
	assert.Equal(t, 1, st.Written)
	want := strs(site)
	want["new.html"] = "new"
	assert.Equal(t, want, snapshot(t, pb.dir))
}

// TestManyGoroutines gives files from eight goroutines at once, the files
// declared first (Declare) or not, through revisions of a site.
func TestManyGoroutines(t *testing.T) {
	for _, declare := range []bool{false, true} {
		pb := newPublisher(t)
		for rev := range 3 {
			site := smallSite(200, rev)
			tx, err := Open(pb.dir, Options{State: pb.state})
			require.NoError(t, err)
			paths := sortedKeys(site)
			if declare {
				require.NoError(t, tx.Declare(paths))
			}
			var wg sync.WaitGroup
			for w := range 8 {
				wg.Go(func() {
					for i := w; i < len(paths); i += 8 {
						p := paths[i]
						if kept, err := tx.Keep(p, sha256.Sum256(site[p])); err != nil || kept {
							assert.NoError(t, err)
							continue
						}
						assert.NoError(t, put(tx, p, site[p]))
					}
				})
			}
			wg.Wait()
			st, err := tx.Commit()
			require.NoError(t, err)
			assert.Equal(t, len(site), st.Files, "declare %v, revision %d", declare, rev)
			assert.Equal(t, strs(site), snapshot(t, pb.dir), "declare %v, revision %d", declare, rev)
		}
	}
}

func TestSwapByRenames(t *testing.T) {
	pb := newPublisher(t)
	noExchange := func(a, b string) error { return errNoExchange }
	for rev := range 3 {
		site := smallSite(3, rev)
		tx, err := Open(pb.dir, Options{State: pb.state})
		require.NoError(t, err)
		tx.exchange = noExchange
		for p, b := range site {
			require.NoError(t, put(tx, p, b))
		}
		st, err := tx.Commit()
		require.NoError(t, err)
		assert.False(t, st.Exchanged)
		assert.Equal(t, strs(site), snapshot(t, pb.dir), "revision %d", rev)
	}
}

// TestStoppedRenamesAreRepaired sets up what a build stopped between the
// renames of a two-rename swap leaves, and checks that Open restores a site
// and a spare.
func TestStoppedRenamesAreRepaired(t *testing.T) {
	for _, stoppedAfter := range []int{1, 2} {
		pb := newPublisher(t)
		v0, v1 := smallSite(2, 0), smallSite(2, 1)
		pb.publish(t, v0)
		pb.publish(t, v0)
		work := filepath.Join(filepath.Dir(pb.dir), ".public.publish")
		spare, old := filepath.Join(work, "spare"), filepath.Join(work, "old")
		require.NoError(t, os.RemoveAll(spare))
		require.NoError(t, copyTree(spare, v1)) // a committed new site
		want := v0
		require.NoError(t, os.Rename(pb.dir, old))
		if stoppedAfter == 2 {
			require.NoError(t, os.Rename(spare, pb.dir))
			want = v1
		}
		tx, err := Open(pb.dir, Options{State: pb.state})
		require.NoError(t, err)
		tx.Abort()
		assert.Equal(t, strs(want), snapshot(t, pb.dir), "stopped after rename %d", stoppedAfter)
		assert.NoDirExists(t, old)
		assert.DirExists(t, spare)
		pb.publish(t, smallSite(2, 2))
	}
}

func copyTree(dir string, files map[string][]byte) error {
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func TestSymlinkedSiteFolder(t *testing.T) {
	parent := t.TempDir()
	real, link := filepath.Join(parent, "real"), filepath.Join(parent, "public")
	require.NoError(t, Write(real, map[string][]byte{"index.html": []byte("one")}))
	require.NoError(t, os.Symlink("real", link))
	require.NoError(t, Write(link, map[string][]byte{"index.html": []byte("two")}))
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&fs.ModeSymlink, "the link stays a link")
	assert.Equal(t, map[string]string{"index.html": "two"}, snapshot(t, real))

	// A look through the link sees the site it leads to.
	pb := &publisher{dir: real, state: filepath.Join(parent, "cache", "publish.state")}
	site := map[string][]byte{"index.html": []byte("three")}
	pb.publish(t, site)
	live, err := Look(link, ReadState(pb.state))
	require.NoError(t, err)
	defer live.Close()
	sum, ok := live.Sum("index.html")
	assert.True(t, ok, "a file of the linked site is known")
	assert.Equal(t, sha256.Sum256(site["index.html"]), sum)
}

// The tests below are those of the previous publishing code, kept with
// their assertions.

func TestWriteReplacesSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("one"), "old/only.html": []byte("x")}))
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("two"), "a/b/c.html": []byte("deep")}))

	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	assert.Equal(t, "two", string(b))
	assert.FileExists(t, filepath.Join(dir, "a/b/c.html"))
	assert.NoFileExists(t, filepath.Join(dir, "old/only.html"), "files of the previous build do not linger")
	assert.Equal(t, []string{".public.publish"}, besides(t, dir), "only the work folder remains beside the site")
	work, err := os.ReadDir(filepath.Join(filepath.Dir(dir), ".public.publish"))
	require.NoError(t, err)
	var names []string
	for _, e := range work {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"lock", "spare"}, names, "no temporary folders remain")
}

// besides lists the hidden entries beside dir.
func besides(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*"))
	require.NoError(t, err)
	for i := range left {
		left[i] = filepath.Base(left[i])
	}
	return left
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("keep")}))
	for _, bad := range []string{"../evil.html", "/etc/evil", "a/../../evil"} {
		err := Write(dir, map[string][]byte{bad: []byte("x")})
		assert.ErrorContains(t, err, "outside the site folder", "path %q", bad)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	assert.Equal(t, "keep", string(b), "a refused write keeps the previous site")
	assert.NoFileExists(t, filepath.Join(filepath.Dir(dir), "evil.html"))
}

func TestCleanRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	require.NoError(t, os.MkdirAll(filepath.Join(parent, ".public.tmp-123", "x"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(parent, ".public.old-.public.tmp-456", "x"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(parent, "keep-me"), 0o755))
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("x")}))
	assert.NoDirExists(t, filepath.Join(parent, ".public.tmp-123"), "an interrupted build's folder is removed")
	assert.NoDirExists(t, filepath.Join(parent, ".public.old-.public.tmp-456"), "an interrupted swap's folder is removed")
	assert.DirExists(t, filepath.Join(parent, "keep-me"))
}

func TestUnwritableParentKeepsSite(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("keep")}))
	require.NoError(t, os.Chmod(parent, 0o555))
	defer os.Chmod(parent, 0o755)
	err := Write(dir, map[string][]byte{"index.html": []byte("new")})
	assert.ErrorContains(t, err, "make the folder holding "+dir+" writable")
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	assert.Equal(t, "keep", string(b))
}

func TestKeepReusesUnchangedFiles(t *testing.T) {
	pb := newPublisher(t)
	pb.publish(t, map[string][]byte{"a/same.html": []byte("same"), "changed.html": []byte("old")})
	before, err := os.Stat(filepath.Join(pb.dir, "a/same.html"))
	require.NoError(t, err)

	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	kept, err := tx.Keep("a/same.html", sha256.Sum256([]byte("same")))
	require.NoError(t, err)
	assert.True(t, kept)
	kept, err = tx.Keep("missing.html", [32]byte{})
	require.NoError(t, err)
	assert.False(t, kept, "only files of the current site can be kept")
	_, err = tx.Keep("../escape.html", [32]byte{})
	assert.ErrorContains(t, err, "outside the site folder")
	require.NoError(t, put(tx, "changed.html", []byte("new")))
	b, _ := os.ReadFile(filepath.Join(pb.dir, "changed.html"))
	assert.Equal(t, "old", string(b), "the current site is untouched until Commit")
	_, err = tx.Commit()
	require.NoError(t, err)

	after, err := os.Stat(filepath.Join(pb.dir, "a/same.html"))
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "a kept file is the same file, not a copy")
	b, _ = os.ReadFile(filepath.Join(pb.dir, "changed.html"))
	assert.Equal(t, "new", string(b))
	assert.Equal(t, []string{".public.publish"}, besides(t, pb.dir), "no temporary folders remain")
}

// put is Put for callers that want only the error.
func put(tx *Tx, p string, data []byte) error {
	_, err := tx.Put(p, data)
	return err
}

// A first site, or any without a state, goes to a spare the transaction
// makes: it is not swept unless a file was given up, whose folders must go.
func TestFreshSpareLosesWhatWasGivenUp(t *testing.T) {
	for _, state := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "public")
		o := Options{}
		if state {
			o.State = filepath.Join(t.TempDir(), "state")
		}
		site := smallSite(20, 0)
		for round := range 2 { // the second into a spare made again
			tx, err := Open(dir, o)
			require.NoError(t, err)
			w, err := tx.Create("given/up/page.html")
			require.NoError(t, err)
			_, err = w.Write([]byte("x"))
			require.NoError(t, err)
			w.Discard()
			for _, p := range sortedKeys(site) {
				require.NoError(t, put(tx, p, site[p]))
			}
			_, err = tx.Commit()
			require.NoError(t, err)
			assert.Equal(t, strs(site), snapshot(t, dir), "state %v, round %d", state, round)
			assert.NoDirExists(t, filepath.Join(dir, "given"), "state %v, round %d", state, round)
			require.NoError(t, os.RemoveAll(filepath.Join(filepath.Dir(dir), ".public.publish")))
		}
	}
}
