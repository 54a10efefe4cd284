package publish

import (
	"bytes"
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"

	"github.com/dossier-project/dossier/internal/cache"
)

// stateFormat is the first word of a state file; a new layout gets a new number.
const stateFormat = "dossier-publish-1"

// identity tells one version of a file from any other: a file rewritten
// gets a new inode or a new modification time, and files are never changed
// in place here.
type identity struct {
	dev, ino    uint64
	size, mtime int64 // bytes; nanoseconds since 1970
}

// identify returns the identity of the regular file at full, if it has one.
func identify(full string) (identity, bool) {
	info, err := os.Lstat(full)
	if err != nil || !info.Mode().IsRegular() {
		return identity{}, false
	}
	return identityOf(info)
}

// identifyFolder returns the identity of the folder at full, if it has one.
func identifyFolder(full string) (identity, bool) {
	info, err := os.Lstat(full)
	if err != nil || !info.IsDir() {
		return identity{}, false
	}
	return identityOf(info)
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

// loadState reads what a state file knows. A missing file knows nothing; a
// damaged one knows nothing and says why.
func loadState(file string) (map[identity][32]byte, map[identity]folder, error) {
	files, dirs := map[identity][32]byte{}, map[identity]folder{}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return files, dirs, nil
	}
	if err != nil {
		return files, dirs, fmt.Errorf("publish: %w; every file will be checked again", err)
	}
	body, err := cache.Unseal(data, stateFormat)
	if err == nil {
		// An f line is about 100 bytes, a d line about 50.
		files, dirs = make(map[identity][32]byte, len(body)/100), make(map[identity]folder, len(body)/100)
		err = parseState(body, files, dirs)
	}
	if err != nil {
		return map[identity][32]byte{}, map[identity]folder{}, fmt.Errorf("publish: %s: %w; ignoring it, every file will be checked again", file, err)
	}
	return files, dirs, nil
}

func parseState(body []byte, files map[identity][32]byte, dirs map[identity]folder) error {
	for n := 2; len(body) > 0; n++ { // line 1 is the seal
		line, rest, ok := bytes.Cut(body, []byte("\n"))
		if !ok {
			return fmt.Errorf("line %d: no line end", n)
		}
		body = rest
		var fields [7][]byte
		f := split(line, fields[:0])
		var nums [6]uint64
		kind := ""
		if len(f) > 0 {
			kind = string(f[0])
		}
		switch {
		case kind == "f" && len(f) == 6 && hex.DecodedLen(len(f[5])) == 32:
			ok = decimals(nums[:4], f[1:5])
			var sum [32]byte
			if _, err := hex.Decode(sum[:], f[5]); err != nil || !ok {
				return fmt.Errorf("line %d: %q is not a file identity and SHA-256 sum", n, line)
			}
			files[identity{nums[0], nums[1], int64(nums[2]), int64(nums[3])}] = sum
		case kind == "d" && len(f) == 7:
			if !decimals(nums[:6], f[1:7]) || nums[4] > 1<<31 {
				return fmt.Errorf("line %d: %q is not a folder identity, entry count and root", n, line)
			}
			dirs[identity{nums[0], nums[1], int64(nums[2]), int64(nums[3])}] = folder{int(nums[4]), nums[5]}
		default:
			return fmt.Errorf("line %d: %q is neither an f line (dev ino size mtime sha256) nor a d line (dev ino size mtime entries root)", n, line)
		}
	}
	return nil
}

// split appends the space-separated fields of line to f, up to cap(f); a
// line with more fields gives none, so that it is refused.
func split(line []byte, f [][]byte) [][]byte {
	for len(line) > 0 {
		field, rest, _ := bytes.Cut(line, []byte(" "))
		if len(f) == cap(f) {
			return f[:0:0]
		}
		f = append(f, field)
		line = rest
	}
	return f
}

// decimals parses the unsigned decimal numbers fields into nums.
func decimals(nums []uint64, fields [][]byte) bool {
	for i, b := range fields {
		if len(b) == 0 || len(b) > 19 { // 19 digits cannot overflow
			return false
		}
		var v uint64
		for _, c := range b {
			if c < '0' || c > '9' {
				return false
			}
			v = v*10 + uint64(c-'0')
		}
		nums[i] = v
	}
	return true
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
	if maps.Equal(t.seen, t.known) && maps.Equal(t.seenDirs, t.knownDirs) {
		return
	}
	body := make([]byte, 0, len(t.seen)*128+len(t.seenDirs)*64)
	for _, id := range sortedIdentities(t.seen) {
		sum := t.seen[id]
		body = hex.AppendEncode(appendIdentity(append(body, 'f'), id), sum[:])
		body = append(body, '\n')
	}
	for _, id := range sortedIdentities(t.seenDirs) {
		d := t.seenDirs[id]
		body = strconv.AppendInt(appendIdentity(append(body, 'd'), id), int64(d.entries), 10)
		body = strconv.AppendUint(append(body, ' '), d.root, 10)
		body = append(body, '\n')
	}
	if err := cache.WriteSealed(t.state, stateFormat, body); err != nil {
		t.warn(fmt.Errorf("publish: %w (the site is published; the next build will rewrite the files it cannot vouch for)", err))
	}
}

// appendIdentity appends " dev ino size mtime ".
func appendIdentity(b []byte, id identity) []byte {
	b = strconv.AppendUint(append(b, ' '), id.dev, 10)
	b = strconv.AppendUint(append(b, ' '), id.ino, 10)
	b = strconv.AppendInt(append(b, ' '), id.size, 10)
	b = strconv.AppendInt(append(b, ' '), id.mtime, 10)
	return append(b, ' ')
}

func sortedIdentities[V any](m map[identity]V) []identity {
	return slices.SortedFunc(maps.Keys(m), func(a, b identity) int {
		if a.dev != b.dev {
			return cmp.Compare(a.dev, b.dev)
		}
		if a.ino != b.ino {
			return cmp.Compare(a.ino, b.ino)
		}
		return cmp.Or(cmp.Compare(a.mtime, b.mtime), cmp.Compare(a.size, b.size))
	})
}
