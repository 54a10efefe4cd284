package publish

import (
	"os"
	"path"
	"path/filepath"
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
// modification time. Pruning an unchanged spare thus costs one lstat per
// folder.
func (t *Tx) prune() (int, error) {
	entries := map[string]int{"": 0}
	for p := range t.files {
		entries[parent(p)]++
	}
	for d, n := range t.dirs {
		if n > 0 {
			entries[parent(d)]++
			entries[d] += 0
		}
	}
	removed := 0
	for d, want := range entries {
		full := filepath.Join(t.spare, filepath.FromSlash(d))
		id, ok := identifyFolder(full)
		if k, known := t.knownDirs[id]; ok && known && k.entries == want {
			t.seenDirs[id] = folder{want, t.spareRoot}
			continue
		}
		n, err := t.sweep(full, d)
		removed += n
		if err != nil {
			return removed, err
		}
		if id, ok := identifyFolder(full); ok && t.state != "" {
			t.seenDirs[id] = folder{want, t.spareRoot}
		}
	}
	return removed, nil
}

// sweep removes from the spare folder full, the site's folder rel, the
// entries the new site lacks. Folders of the site are swept on their own.
func (t *Tx) sweep(full, rel string) (int, error) {
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
		if (e.IsDir() && t.dirs[r] > 0) || (!e.IsDir() && t.files[r]) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(full, e.Name())); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// parent is the folder of the site path p ("" for the site's root).
func parent(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}
