package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"hash"
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

// cachedSegment is a segment as the cache stores it.
type cachedSegment struct {
	ID         string
	Docs       int
	KindRuns   [][2]int
	FirstTerms []string
	Chunk      int
	Files      map[string][]byte
}

// segmentFrom returns the encoded segment of the documents docs returns,
// from c when it has it: under key, or when key is "" under the hash of the
// documents (segmentKey). docs is called at most once; its error is
// returned.
func segmentFrom(c Cache, key string, docs func() ([]Doc, error), rank map[string]int) (*segment, error) {
	if c == nil {
		ds, err := docs()
		if err != nil {
			return nil, err
		}
		return encodeSegment(ds, rank), nil
	}
	var ds []Doc
	var err error
	if key == "" {
		if ds, err = docs(); err != nil {
			return nil, err
		}
		key = segmentKey(ds, rank)
	}
	if b, ok := c.Get(key); ok {
		var cs cachedSegment
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&cs) == nil && (ds == nil || cs.Docs == len(ds)) {
			return &segment{id: cs.ID, docs: cs.Docs, kindRuns: cs.KindRuns, firstTerms: cs.FirstTerms, chunk: cs.Chunk, files: cs.Files}, nil
		}
	}
	if ds == nil {
		if ds, err = docs(); err != nil {
			return nil, err
		}
	}
	s := encodeSegment(ds, rank)
	var b bytes.Buffer
	cs := cachedSegment{ID: s.id, Docs: s.docs, KindRuns: s.kindRuns, FirstTerms: s.firstTerms, Chunk: s.chunk, Files: s.files}
	if gob.NewEncoder(&b).Encode(cs) == nil { // cannot fail: plain data
		c.Put(key, b.Bytes())
	}
	return s, nil
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
// and sizes) and each document's kind rank and indexed or shown fields.
func segmentKey(docs []Doc, rank map[string]int) string {
	h := sha256.New()
	formatKey(h)
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
