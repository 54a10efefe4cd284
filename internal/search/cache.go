package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
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

// segmentFrom returns the encoded segment of docs, from c when it has it.
func segmentFrom(c Cache, docs []Doc, rank map[string]int) *segment {
	if c == nil {
		return encodeSegment(docs, rank)
	}
	key := segmentKey(docs, rank)
	if b, ok := c.Get(key); ok {
		var cs cachedSegment
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&cs) == nil && cs.Docs == len(docs) {
			return &segment{id: cs.ID, docs: cs.Docs, kindRuns: cs.KindRuns, firstTerms: cs.FirstTerms, chunk: cs.Chunk, files: cs.Files}
		}
	}
	s := encodeSegment(docs, rank)
	var b bytes.Buffer
	cs := cachedSegment{ID: s.id, Docs: s.docs, KindRuns: s.kindRuns, FirstTerms: s.firstTerms, Chunk: s.chunk, Files: s.files}
	if gob.NewEncoder(&b).Encode(cs) == nil { // cannot fail: plain data
		c.Put(key, b.Bytes())
	}
	return s
}

// segmentKey hashes everything encodeSegment reads: the format (version
// and sizes) and each document's kind rank and indexed or shown fields.
func segmentKey(docs []Doc, rank map[string]int) string {
	h := sha256.New()
	var num [8]byte
	writeInt := func(v int) {
		binary.LittleEndian.PutUint64(num[:], uint64(v))
		h.Write(num[:])
	}
	for _, v := range []int{version, dictShardBytes, postShardBytes, inlineBytes, chunkBytes, maxChunkDocs, storedTextRunes, headSize} {
		writeInt(v)
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
