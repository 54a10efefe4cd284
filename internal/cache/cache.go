// Package cache remembers, between builds, what every file of a published
// site was made from, so that the next build can keep the files whose
// inputs did not change instead of making and writing them again.
//
// The cache lives in the project's .dossier-cache/ folder (never in the
// site). For each output folder it holds one manifest listing, per file:
// the key of everything the file was made from (templates, data, program
// version) and the SHA-256 of its bytes, and for a file made from one seed
// its stamp, which lets the next build know its key unchanged without
// making it. The bytes themselves stay in the published site: a file is
// kept only when its key is unchanged and package publish still finds
// those bytes on disk.
//
// A cache that is missing, from another version, truncated or corrupt is
// ignored as a whole: the build then makes every file, and its output is
// the same. Failing to write the cache is a warning, never a build failure.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-project/dossier/internal/dirfs"
	"github.com/dossier-project/dossier/internal/renameio"
)

// Dir is the cache folder, relative to the project root.
const Dir = ".dossier-cache"

// format is the first word of a manifest; a new layout gets a new number.
const format = "dossier-manifest-5"

// Entry describes one file of a published site.
type Entry struct {
	Key [32]byte // what the file was made from
	Sum [32]byte // SHA-256 of its bytes
	// Stamp, when not zero, names coarsely every input the key was made
	// from (see render.Job.Stamp): a build that gives the file the same
	// stamp would give it the same key, and need not make the key again.
	Stamp [32]byte
}

// Manifest is the cache of one output folder. Get and Lookup may be called
// from several goroutines at once; the other methods change or read all of
// it, and are called by one goroutine while no other uses the manifest.
//
// Its entries are kept in the order of the file, which a build writes in
// the order of its paths: a build finds the entries of its own files by
// walking both lists together (Lookup), and a build that finds nothing
// changed only reads them in turn, so neither makes a map of 23,000 paths.
// Get makes one the first time it is called.
type Manifest struct {
	paths   []string
	entries []Entry
	sorted  bool // paths are in increasing order, each once
	once    sync.Once
	byPath  map[string]int // index of paths, made by index
	sum     [32]byte       // of the file as last read or saved
}

// Sum is the SHA-256 of the manifest's file as Load read it or Save wrote
// it, naming that version of the manifest; zero for a new one.
func (m *Manifest) Sum() [32]byte { return m.sum }

// All calls fn for every entry, in the order of the file, until fn returns
// false; fn must not call the manifest's other methods.
func (m *Manifest) All(fn func(p string, e Entry) bool) {
	for i, p := range m.paths {
		if !fn(p, m.entries[i]) {
			return
		}
	}
}

// New returns an empty manifest.
func New() *Manifest { return &Manifest{sorted: true} }

// index returns the index of the paths, making it the first time.
func (m *Manifest) index() map[string]int {
	m.once.Do(func() {
		m.byPath = make(map[string]int, len(m.paths))
		for i, p := range m.paths {
			m.byPath[p] = i
		}
	})
	return m.byPath
}

// Get returns the entry of the output path p.
func (m *Manifest) Get(p string) (Entry, bool) {
	if i, ok := m.index()[p]; ok {
		return m.entries[i], true
	}
	return Entry{}, false
}

// Lookup returns the entry of each of the output paths, nil for a path
// the manifest lacks. Paths in increasing order, as a build's are, are
// matched by walking them beside the manifest's.
func (m *Manifest) Lookup(paths []string) []*Entry {
	out := make([]*Entry, len(paths))
	if !m.sorted || !slices.IsSorted(paths) {
		for i, p := range paths {
			if j, ok := m.index()[p]; ok {
				out[i] = &m.entries[j]
			}
		}
		return out
	}
	j := 0
	for i, p := range paths {
		for j < len(m.paths) && m.paths[j] < p {
			j++
		}
		if j < len(m.paths) && m.paths[j] == p {
			out[i] = &m.entries[j]
		}
	}
	return out
}

// Set records the entry of the output path p.
func (m *Manifest) Set(p string, e Entry) {
	index := m.index()
	if i, ok := index[p]; ok {
		m.entries[i] = e
		return
	}
	m.sorted = m.sorted && (len(m.paths) == 0 || m.paths[len(m.paths)-1] < p)
	index[p] = len(m.paths)
	m.paths, m.entries = append(m.paths, p), append(m.entries, e)
}

// SortedPaths returns the manifest's paths when they are in increasing
// order, each once, as a build writes them; nil otherwise. The slice is the
// manifest's own: the caller must not change it.
func (m *Manifest) SortedPaths() []string {
	if !m.sorted {
		return nil
	}
	return m.paths[:len(m.paths):len(m.paths)]
}

// Len is the number of entries.
func (m *Manifest) Len() int { return len(m.paths) }

// File is where the manifest of the output folder out is kept in the cache
// folder dir: one manifest per output folder, named by its absolute path.
func File(dir, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "site-"+hex.EncodeToString(sum[:8])+".manifest")
}

// Load reads a manifest. A missing file, or one of another version, gives
// an empty manifest and no error; a damaged one gives an empty manifest and
// an error saying why, which callers show as a warning.
func Load(file string) (*Manifest, error) {
	body, _, err := ReadSealed(file, format)
	var m *Manifest
	if err == nil {
		m, err = parse(body, sha256.Sum256(body))
	}
	if err != nil {
		return New(), fmt.Errorf("cache: %s: %w; ignoring it", file, err)
	}
	return m, nil
}

// The manifest's body is binary: per file, in the order Write was given
// (a build gives its paths in increasing order), a uvarint holding the
// path's length times two, plus one when the entry has a stamp, and the
// path's bytes, then the key and the sum, 32 bytes each, and the stamp if
// there is one.
// A manifest has an entry per file of the site, 23,000 at 5,000 seeds, and
// is read and written by every rebuild: the paths are substrings of one
// string copy of the body. A path given twice is a damaged manifest.
func parse(body []byte, sum [32]byte) (*Manifest, error) {
	n := len(body) / (2*sha256.Size + 24)
	m := &Manifest{paths: make([]string, 0, n), entries: make([]Entry, 0, n), sorted: true, sum: sum}
	text := string(body)
	for n := 1; text != ""; n++ {
		head, k := binary.Uvarint([]byte(text[:min(len(text), binary.MaxVarintLen64)]))
		size, stamped := head>>1, head&1 == 1
		sums := uint64(2 * sha256.Size)
		if stamped {
			sums += sha256.Size
		}
		if k <= 0 || size > uint64(len(text)-k) || uint64(len(text)-k)-size < sums {
			return nil, fmt.Errorf("entry %d: cut short", n)
		}
		text = text[k:]
		p := text[:size]
		var e Entry
		copy(e.Key[:], text[size:])
		copy(e.Sum[:], text[size+sha256.Size:])
		if stamped {
			copy(e.Stamp[:], text[size+2*sha256.Size:])
		}
		if last := len(m.paths) - 1; last >= 0 && m.paths[last] >= p {
			m.sorted = false
		}
		m.paths, m.entries = append(m.paths, p), append(m.entries, e)
		text = text[size+sums:]
	}
	if !m.sorted && len(m.index()) != len(m.paths) {
		return nil, errors.New("a path is given twice")
	}
	return m, nil
}

// Save writes the manifest to file atomically (a temporary file renamed
// into place), creating the cache folder.
func (m *Manifest) Save(file string) error {
	sum, err := Write(file, m.All)
	if err == nil {
		m.sum = sum
	}
	return err
}

// Write writes a manifest of the given paths and entries to file, as Save
// does, and returns its Sum: a build makes its manifest once every file is
// known, without a map.
func Write(file string, entries iter.Seq2[string, Entry]) ([32]byte, error) {
	size := 0
	for p, e := range entries {
		size += len(p) + 2 + 2*sha256.Size
		if e.Stamp != ([32]byte{}) {
			size += sha256.Size
		}
	}
	body := make([]byte, 0, size)
	for p, e := range entries {
		stamped := e.Stamp != ([32]byte{})
		head := uint64(len(p)) << 1
		if stamped {
			head |= 1
		}
		body = append(binary.AppendUvarint(body, head), p...)
		body = append(append(body, e.Key[:]...), e.Sum[:]...)
		if stamped {
			body = append(body, e.Stamp[:]...)
		}
	}
	return sha256.Sum256(body), WriteSealed(file, format, body)
}

// Cache files are sealed: a first line "<format> crc32:<checksum of the
// rest>", then the body. The checksum catches truncation and stray edits,
// which a decoder such as gob might otherwise read as different but valid
// data. It is the IEEE CRC-32, which Go computes with the processor's
// carry-less multiplication at several gigabytes a second (a rebuild reads
// tens of megabytes of cache): on the machine measured, three times as
// fast as CRC-32C (6 ms against 19-23 ms for 116 MB), whose tables also
// cost every process 0.2 ms to make. A file sealed with another checksum
// ("crc32c:", as the versions before wrote) is of another version, which
// ReadSealed drops silently. (Earlier versions of each format carried the
// body's SHA-256; they are other versions too.)
const sealSum = "crc32"

// WriteSealed writes body to file under a header naming its format and
// checksum, atomically (a temporary file renamed into place), creating the
// cache folder.
func WriteSealed(file, format string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	head := fmt.Appendf(nil, "%s %s:%08x\n", format, sealSum, crc32.ChecksumIEEE(body))
	if err := renameio.WriteParts(file, 0o644, head, body); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// ErrOtherVersion is the error of Unseal for a file of the format asked
// for, but of another version of it ("dossier-x-1" for "dossier-x-2"): one
// that another version of the program wrote, whose callers drop it as if
// it were missing.
var ErrOtherVersion = errors.New("another version of the format")

// family is a format without its version number.
func family(format string) string {
	if i := strings.LastIndexByte(format, '-'); i > 0 {
		return format[:i]
	}
	return format
}

// ReadSealed reads a file written by WriteSealed with the given format and
// returns its body. It reports false, and no error, when there is no such
// file or when another version of the program wrote it in another version
// of the format (ErrOtherVersion): nothing in it applies. Any other problem
// is an error saying why.
func ReadSealed(file, format string) (body []byte, ok bool, err error) {
	data, err := dirfs.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	body, err = Unseal(data, format)
	if errors.Is(err, ErrOtherVersion) {
		return nil, false, nil
	}
	return body, err == nil, err
}

// Unseal returns the body of data written by WriteSealed with the given
// format, or an error saying why it cannot be trusted.
func Unseal(data []byte, format string) ([]byte, error) {
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return nil, errors.New("no header")
	}
	f := strings.Fields(string(head))
	if len(f) != 2 || f[0] != format {
		if len(f) == 2 && family(f[0]) == family(format) {
			return nil, fmt.Errorf("%w: %s, not %s", ErrOtherVersion, f[0], format)
		}
		return nil, fmt.Errorf("not a %s file", format)
	}
	if sum, _, ok := strings.Cut(f[1], ":"); ok && sum != sealSum {
		return nil, fmt.Errorf("%w: sealed with %s, not %s", ErrOtherVersion, sum, sealSum)
	}
	if f[1] != fmt.Sprintf("%s:%08x", sealSum, crc32.ChecksumIEEE(body)) {
		return nil, errors.New("checksum mismatch (truncated or edited)")
	}
	return body, nil
}

// Version identifies the running program by the SHA-256 of its executable,
// so that a rebuilt binary never reuses what an older one made. With a
// cache folder dir, the sum is kept in dir/program beside the executable's
// identity (path, device, inode, size and modification time in
// nanoseconds) and computed again only when the executable is another file
// or was changed; dir "" computes it every time.
func Version(dir string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	defer f.Close()
	id := ""
	if info, err := f.Stat(); err == nil {
		if dev, ino, ok := Inode(info); ok {
			id = fmt.Sprintf("%s\n%d %d %d %d\n", exe, dev, ino, info.Size(), info.ModTime().UnixNano())
		}
	}
	memo := ""
	if dir != "" && id != "" {
		memo = filepath.Join(dir, "program")
		if data, err := os.ReadFile(memo); err == nil {
			if body, err := Unseal(data, programFormat); err == nil {
				if sum, ok := strings.CutPrefix(string(body), id); ok && len(sum) == 2*sha256.Size {
					return sum, nil
				}
			}
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if memo != "" {
		WriteSealed(memo, programFormat, []byte(id+sum)) // a memo that cannot be written is only slower
	}
	return sum, nil
}

// programFormat seals dir/program, the sum Version keeps.
const programFormat = "dossier-program-2"
