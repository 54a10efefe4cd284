package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A Site is the live site folder looked at without a transaction, for a
// build that only checks whether the site is still what the last build
// made: it holds the lock, so that no build publishes meanwhile, but
// prepares no spare and learns nothing. Close releases it.
type Site struct {
	live  *tree      // the site folder, for looking up its files
	known knownFiles // files, from the state file
	lock  *os.File
}

// Look looks at the live site dir with what the state file knows of its
// files (ReadState). It fails when another build holds the lock, when a
// stopped build left a swap to finish (the next Open finishes it), or when
// the state file could not be read; the caller then builds as usual, which
// says what is wrong.
func Look(dir string, state *State) (*Site, error) {
	dir, err := siteFolder(dir)
	if err != nil {
		return nil, err
	}
	work := workFolder(dir)
	if _, err := os.Lstat(filepath.Join(work, "old")); !errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("publish: a stopped build left a swap to finish")
	}
	lock, err := os.OpenFile(filepath.Join(work, "lock"), os.O_RDWR, 0)
	if err != nil {
		return nil, err // no work folder yet: nothing was published here
	}
	if ok, err := lockFile(lock); !ok || err != nil {
		lock.Close()
		return nil, fmt.Errorf("publish: another build is publishing %s right now", dir)
	}
	if state.err != nil {
		lock.Close()
		return nil, state.err
	}
	return &Site{live: openTree(dir), known: state.files, lock: lock}, nil
}

// Sum returns the SHA-256 of the live site's file p, if its bytes are known
// and it is unchanged on disk since they were learnt. It may be called from
// many goroutines.
func (s *Site) Sum(p string) (sum [32]byte, ok bool) {
	if !clean(p) {
		return sum, false
	}
	id, ok := identifyIn(s.live, p)
	if !ok {
		return sum, false
	}
	sum, _, ok = s.known.lookup(id)
	return sum, ok
}

// Close releases the lock.
func (s *Site) Close() {
	s.live.close()
	s.lock.Close()
}
