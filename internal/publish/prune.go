package publish

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/dossier-project/dossier/internal/parallel"
)

// folder is what is known of a folder of one of the two trees: how many
// entries it holds, and which tree it is in (the inode of the tree's root,
// which the exchange does not change).
type folder struct {
	entries int
	root    uint64
}

// prune makes the spare hold the new site and nothing else: from every
// folder of the new site it removes the entries the site lacks, and returns
// how many it removed. Every file of the new site is in the spare already,
// so a folder with as many entries as the site puts in it holds exactly
// those: a folder whose identity is known from an earlier build with that
// many entries is not read, since adding or removing an entry changes its
// modification time; nor is one that was so when it was looked up ahead and
// has since gained the entries the transaction counted (heldBefore).
// Pruning an unchanged spare thus costs one lstat per folder, on every
// core: a folder's sweep removes only what the site lacks, never a folder
// another sweep reads. A spare this transaction made holds only what it put
// there: unless it gave a file up, nothing is swept.
func (t *Tx) prune() (int, error) {
	fresh := t.empty && !t.dropped.Load()
	if fresh && t.state == "" {
		return 0, nil // nothing to sweep, and nothing to remember
	}
	entries := t.folderEntries()
	folders := make([]string, 0, len(entries))
	for d := range entries {
		folders = append(folders, d)
	}
	removed := make([]int, len(folders))
	errs := make([]error, len(folders))
	// What is seen of each folder is kept in its place and recorded after:
	// a lock and a map insertion per folder cost the workers more.
	seen := make([]identity, len(folders))
	saw := make([]bool, len(folders))
	parallel.Each(len(folders), func(i int) {
		d := folders[i]
		want := entries[d]
		id, ok := t.spareFolder(d)
		if k, known := t.knownDirs[id]; ok && (fresh || known && k.entries == want) || ok && t.heldBefore(d, want) {
			seen[i], saw[i] = id, true
			return
		}
		t.swept.Add(1)
		removed[i], errs[i] = t.sweep(filepath.Join(t.spare, filepath.FromSlash(d)), d, entries)
		if errs[i] != nil {
			return
		}
		if id, ok := identifyFolderIn(t.spareTree, d); ok && t.state != "" {
			seen[i], saw[i] = id, true
		}
	})
	for i, d := range folders {
		if saw[i] {
			t.seenDirs[seen[i]] = folder{entries[d], t.spareRoot}
		}
	}
	n := 0
	for i, r := range removed {
		n += r
		if errs[i] != nil {
			return n, errs[i]
		}
	}
	return n, nil
}

// folderEntries returns the folders of the new site ("" its root), each
// with how many entries it has: its files and folders.
func (t *Tx) folderEntries() map[string]int {
	entries := map[string]int{"": 0}
	// add adds the folder d and its parents, each counted in its parent.
	var add func(d string)
	add = func(d string) {
		if _, ok := entries[d]; ok {
			return
		}
		up := parent(d)
		add(up)
		entries[d] = 0
		entries[up]++
	}
	for p := range t.newFiles() {
		d := parent(p)
		add(d)
		entries[d]++
	}
	return entries
}

// sweep removes from the spare folder full, the site's folder rel, the
// entries the new site lacks; entries holds the new site's folders.
// Folders of the site are swept on their own.
func (t *Tx) sweep(full, rel string, entries map[string]int) (int, error) {
	f, err := os.Open(full)
	if err != nil {
		return 0, err
	}
	list, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, e := range list {
		r := path.Join(rel, e.Name())
		if _, folder := entries[r]; (e.IsDir() && folder) || (!e.IsDir() && t.isFile(r)) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(full, e.Name())); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// parent is the folder of the clean site path p ("" for the site's root).
func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
