package publish

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"maps"
	"os"

	"github.com/dossier-project/dossier/internal/cache"
)

// stateFormat is the first word of a state file; a new layout gets a new number.
const stateFormat = "dossier-publish-3"

// The sizes of a state file's records (see the package comment).
const (
	fileRecord   = 4*8 + 32
	folderRecord = 6 * 8
)

// identity tells one version of a file from any other: a file rewritten
// gets a new inode or a new modification time, and files are never changed
// in place here.
type identity struct {
	dev, ino    uint64
	size, mtime int64 // bytes; nanoseconds since 1970
}

// identify returns the identity of the regular file at full, if it has one.
func identify(full string) (identity, bool) {
	id, kind, ok := lstat(full)
	return id, ok && kind == regularFile
}

// identifyIn is identify of the file at rel in tree t.
func identifyIn(t *tree, rel string) (identity, bool) {
	id, kind, ok := t.lstat(rel)
	return id, ok && kind == regularFile
}

// identifyFolderIn returns the identity of the folder at rel in tree t, if
// it has one.
func identifyFolderIn(t *tree, rel string) (identity, bool) {
	id, kind, ok := t.lstat(rel)
	return id, ok && kind == folderFile
}

// A fileKind is what lstat tells apart.
type fileKind int

const (
	otherFile   fileKind = iota // a link, a device…
	regularFile                 // a regular file
	folderFile                  // a folder
)

// lstatInfo is lstat through os.Lstat: the identity of what is at full,
// its kind, and whether it exists and has an identity.
func lstatInfo(full string) (identity, fileKind, bool) {
	info, err := os.Lstat(full)
	if err != nil {
		return identity{}, otherFile, false
	}
	kind := otherFile
	if info.Mode().IsRegular() {
		kind = regularFile
	} else if info.IsDir() {
		kind = folderFile
	}
	id, ok := identityOf(info)
	return id, kind, ok
}

func identityOf(info fs.FileInfo) (identity, bool) {
	dev, ino, ok := cache.Inode(info)
	return identity{dev: dev, ino: ino, size: info.Size(), mtime: info.ModTime().UnixNano()}, ok
}

// rootOf returns the inode of the folder full, which tells the two trees
// apart whatever their names (0: none).
func rootOf(full string) uint64 {
	if info, err := os.Lstat(full); err == nil && info.IsDir() {
		if _, ino, ok := cache.Inode(info); ok {
			return ino
		}
	}
	return 0
}

// loadState reads what a state file knows. A missing file, or one of
// another version, knows nothing; a damaged one knows nothing and says why.
// State is what a state file says, read ahead of a transaction or a look
// at the site (ReadState), which then need not read it again. Knowledge is
// per identity, so what a state read before another build published is
// still true of every file whose identity it names: at worst it knows too
// little, and files are checked or written again.
type State struct {
	file  string
	files knownFiles
	body  []byte // the file's body, whose folders are read when asked for (all)
	err   error  // the file is damaged: nothing is known
}

// knownFiles is what a state file knows of files: the SHA-256 of the bytes
// of each identity, in the file's records, which index finds by identity.
// A transaction marks the records it finds true again instead of copying
// each into a map under a lock (Tx.learn), which cost a rebuild at 5,000
// seeds, 23,000 of them, about 2% of its CPU time.
type knownFiles struct {
	index map[identity]int32 // the record of each identity (the last, for one given twice)
	recs  []byte             // the records, fileRecord bytes each
}

// lookup returns the sum known for id, and its record.
func (k knownFiles) lookup(id identity) ([32]byte, int32, bool) {
	i, ok := k.index[id]
	if !ok {
		return [32]byte{}, -1, false
	}
	return [32]byte(k.recs[int(i)*fileRecord+32:]), i, true
}

// records is how many records there are (as many as identities, unless
// the file gave one twice).
func (k knownFiles) records() int { return len(k.recs) / fileRecord }

// ReadState reads the state file's files, which a look at the site needs;
// its folders, which only a transaction needs, are read when it asks. A
// damaged file knows nothing, and says why to whoever uses it.
func ReadState(file string) *State {
	st := &State{file: file}
	body, ok, err := cache.ReadSealed(file, stateFormat)
	if err == nil && ok {
		var files knownFiles
		if files, err = parseState(body); err == nil {
			st.files, st.body = files, body
		}
	}
	if err != nil {
		st.err = fmt.Errorf("publish: %s: %w; ignoring it, every file will be checked again", file, err)
	}
	return st
}

// all returns what the state knows of files and folders, or nothing and
// why when the file is damaged. It does not change st, which a look at the
// site may have used.
func (st *State) all() (knownFiles, map[identity]folder, error) {
	err := st.err
	dirs := map[identity]folder{}
	if err == nil && st.body != nil {
		if dirs, err = parseFolders(st.body); err != nil {
			err = fmt.Errorf("publish: %s: %w; ignoring it, every file will be checked again", st.file, err)
		}
	}
	if err != nil {
		return knownFiles{}, map[identity]folder{}, err
	}
	return st.files, dirs, nil
}

func loadState(file string) (knownFiles, map[identity]folder, error) {
	return ReadState(file).all()
}

// parseState checks a state file's body (see the package comment) and
// reads its files' records; parseFolders reads its folders'.
func parseState(body []byte) (knownFiles, error) {
	rest, nf, _, err := stateRuns(body)
	if err != nil {
		return knownFiles{}, err
	}
	files := knownFiles{index: make(map[identity]int32, nf), recs: rest[:nf*fileRecord]}
	for i := range nf {
		files.index[identityAt(rest[i*fileRecord:])] = int32(i)
	}
	return files, nil
}

// parseFolders reads the folders of a state file's body, which parseState
// found whole.
func parseFolders(body []byte) (map[identity]folder, error) {
	rest, nf, nd, err := stateRuns(body)
	if err != nil {
		return nil, err
	}
	dirs := make(map[identity]folder, nd)
	rest = rest[nf*fileRecord+8:]
	for i := range nd {
		r := rest[i*folderRecord:]
		entries := binary.LittleEndian.Uint64(r[32:])
		if entries > 1<<31 {
			return nil, fmt.Errorf("folder record %d: %d entries", i+1, entries)
		}
		dirs[identityAt(r)] = folder{int(entries), binary.LittleEndian.Uint64(r[40:])}
	}
	return dirs, nil
}

// stateRuns checks the two runs of a state file's body and returns the
// first's records and the two counts.
func stateRuns(body []byte) (files []byte, nf, nd uint64, err error) {
	files, err = count(body, fileRecord, &nf)
	var after []byte
	if err == nil {
		after, err = count(files[nf*fileRecord:], folderRecord, &nd)
	}
	if err == nil && uint64(len(after)) != nd*folderRecord {
		err = fmt.Errorf("%d bytes after the last record", uint64(len(after))-nd*folderRecord)
	}
	return files, nf, nd, err
}

// count reads the count of a run of records of the given size at the
// start of b into n, and returns what follows it, which must hold the run.
func count(b []byte, size uint64, n *uint64) ([]byte, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("%d bytes where a count of records should be", len(b))
	}
	*n = binary.LittleEndian.Uint64(b)
	if have := uint64(len(b) - 8); *n > have/size {
		return nil, fmt.Errorf("%d records of %d bytes announced, %d bytes left", *n, size, have)
	}
	return b[8:], nil
}

func identityAt(r []byte) identity {
	le := binary.LittleEndian
	return identity{le.Uint64(r), le.Uint64(r[8:]), int64(le.Uint64(r[16:])), int64(le.Uint64(r[24:]))}
}

// saveState writes what is known after this transaction, unless it is
// what the state file already says. Failing is a warning: the site is fine,
// the next build only checks and rewrites more.
func (t *Tx) saveState() {
	if t.state == "" {
		return
	}
	// The live tree's folders were not looked at; what was known of them
	// holds until they are the spare again, in the next build.
	for id, d := range t.knownDirs {
		if d.root == t.liveRoot && t.liveRoot != 0 {
			t.seenDirs[id] = d
		}
	}
	seen, n := t.learnt()
	if maps.Equal(t.seenDirs, t.knownDirs) && t.learntNothingNew() {
		return
	}
	le := binary.LittleEndian
	body := make([]byte, 0, 16+n*fileRecord+len(t.seenDirs)*folderRecord)
	body = le.AppendUint64(body, uint64(n))
	for id, sum := range seen {
		body = append(appendIdentity(body, id), sum[:]...)
	}
	body = le.AppendUint64(body, uint64(len(t.seenDirs)))
	for id, d := range t.seenDirs {
		body = le.AppendUint64(le.AppendUint64(appendIdentity(body, id), uint64(d.entries)), d.root)
	}
	if err := cache.WriteSealed(t.state, stateFormat, body); err != nil {
		t.warn(fmt.Errorf("publish: %w (the site is published; the next build will rewrite the files it cannot vouch for)", err))
	}
}

// appendIdentity appends id's four numbers.
func appendIdentity(b []byte, id identity) []byte {
	le := binary.LittleEndian
	return le.AppendUint64(le.AppendUint64(le.AppendUint64(le.AppendUint64(b, id.dev), id.ino), uint64(id.size)), uint64(id.mtime))
}
