package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"hash"
	"strings"
)

// Cache keeps encoded segments between builds, so that a rebuild encodes
// only the segments whose documents changed: after a new seed, one small
// segment. Keys are hex SHA-256 hashes of a segment's documents and of the
// index format; values are opaque. Get should report a miss for anything it
// cannot return intact; a value that does not decode is treated as a miss.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// A segment is cached as two values: under key+metaSuffix what the
// manifest says of it and its files' names (cachedMeta), under key its
// files (a gob of name → bytes). A rebuild reads only the first for a
// segment none of whose files it makes again.
const metaSuffix = "-meta"

type cachedMeta struct {
	ID         string
	Docs       int
	KindRuns   [][2]int
	FirstTerms []string
	Chunk      int
	Names      []string
	ChunkIDs   []string
}

// CacheSegment names the segment a cache key belongs to: a cache that drops
// entries keeps or drops the keys of a segment together.
func CacheSegment(key string) string { return strings.TrimSuffix(key, metaSuffix) }

// segmentFrom returns the encoded segment of the documents docs returns,
// from c when it has it: under key, or when key is "" under the hash of the
// documents (segmentKey). docs is called at most once here; its error is
// returned. A segment from the cache reads its files when first asked for
// them (segment.file), and encodes them again from remake if the cache no
// longer has them intact.
func segmentFrom(c Cache, key string, docs func() ([]Doc, error), remake func() []Doc, rank map[string]int, byContent bool) (*segment, error) {
	if c == nil {
		ds, err := docs()
		if err != nil {
			return nil, err
		}
		return encodeSegment(ds, rank, byContent), nil
	}
	var ds []Doc
	var err error
	if key == "" {
		if ds, err = docs(); err != nil {
			return nil, err
		}
		key = segmentKey(ds, rank, byContent)
		remake = func() []Doc { return ds }
	}
	if b, ok := c.Get(key + metaSuffix); ok {
		var m cachedMeta
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&m) == nil && (ds == nil || m.Docs == len(ds)) {
			s := &segment{id: m.ID, docs: m.Docs, kindRuns: m.KindRuns, firstTerms: m.FirstTerms, chunk: m.Chunk, names: m.Names, chunkIDs: m.ChunkIDs}
			s.load = func() map[string][]byte {
				if b, ok := c.Get(key); ok {
					var files map[string][]byte
					if gob.NewDecoder(bytes.NewReader(b)).Decode(&files) == nil && sameNames(files, m.Names) {
						return files
					}
				}
				again := encodeSegment(remake(), rank, byContent)
				putSegment(c, key, again)
				return again.files
			}
			return s, nil
		}
	}
	if ds == nil {
		if ds, err = docs(); err != nil {
			return nil, err
		}
	}
	s := encodeSegment(ds, rank, byContent)
	putSegment(c, key, s)
	return s, nil
}

// putSegment keeps an encoded segment in c under key.
func putSegment(c Cache, key string, s *segment) {
	var files, meta bytes.Buffer
	// Neither can fail: plain data.
	if gob.NewEncoder(&files).Encode(s.files) == nil {
		c.Put(key, files.Bytes())
	}
	m := cachedMeta{ID: s.id, Docs: s.docs, KindRuns: s.kindRuns, FirstTerms: s.firstTerms, Chunk: s.chunk, Names: s.names, ChunkIDs: s.chunkIDs}
	if gob.NewEncoder(&meta).Encode(m) == nil {
		c.Put(key+metaSuffix, meta.Bytes())
	}
}

// sameNames reports whether files has exactly the names.
func sameNames(files map[string][]byte, names []string) bool {
	if len(files) != len(names) {
		return false
	}
	for _, n := range names {
		if _, ok := files[n]; !ok {
			return false
		}
	}
	return true
}

// formatKey writes what every segment's encoding depends on besides its
// documents: the index format and its sizes.
func formatKey(h hash.Hash) {
	var num [8]byte
	for _, v := range []int{version, dictShardBytes, postShardBytes, inlineBytes, chunkBytes, maxChunkDocs, storedTextRunes, headSize} {
		binary.LittleEndian.PutUint64(num[:], uint64(v))
		h.Write(num[:])
	}
}

// groupsKey is the key of a segment of groups that all have a Key: the
// format, the kinds in their order (a document's kind rank is encoded)
// and each group's ID and Key. It is "" when a group has no Key.
func groupsKey(kinds []Kind, groups []Group) string {
	h := sha256.New()
	formatKey(h)
	h.Write([]byte("groups\x00"))
	str := func(s string) {
		var num [8]byte
		binary.LittleEndian.PutUint64(num[:], uint64(len(s)))
		h.Write(num[:])
		h.Write([]byte(s))
	}
	for _, k := range kinds {
		str(k.Name)
	}
	for _, g := range groups {
		if g.Key == "" {
			return ""
		}
		str(g.ID)
		str(g.Key)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// segmentKey hashes everything encodeSegment reads: the format (version
// and sizes), how chunks are named, and each document's kind rank and
// indexed or shown fields.
func segmentKey(docs []Doc, rank map[string]int, byContent bool) string {
	h := sha256.New()
	formatKey(h)
	if byContent {
		h.Write([]byte("by content\x00"))
	}
	var num [8]byte
	writeInt := func(v int) {
		binary.LittleEndian.PutUint64(num[:], uint64(v))
		h.Write(num[:])
	}
	for _, d := range docs {
		writeInt(rank[d.Kind])
		for _, s := range []string{d.Title, d.Label, d.URL, d.Keywords, d.Text} {
			writeInt(len(s))
			h.Write([]byte(s))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
