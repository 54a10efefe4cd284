package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/date"
)

// Ingesting a document: Normalize turns it into seed form, SeedName names it,
// and MetaBlock writes its entry for sources.yaml. The command line does the
// file system work around them.

// Normalize converts a document to seed form: UTF-8 without a byte-order
// mark, LF line endings and a final newline. UTF-16 with a byte-order mark is
// converted; bytes that are not UTF-8 are read as Windows-1252, the usual
// encoding of such files. Empty and binary input is refused.
func Normalize(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		data = fromUTF16(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		data = fromUTF16(data[2:], binary.BigEndian)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty: the file has no text")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("binary: NUL byte at byte %d; a seed is a text file", i)
	}
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
	}
	control := 0
	for _, r := range string(data) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			control++
		}
	}
	if control*100 > len(data) {
		return nil, fmt.Errorf("binary: %d control characters; a seed is a text file", control)
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	data = append(bytes.TrimRight(data, "\n"), '\n')
	return data, nil
}

func fromUTF16(b []byte, order binary.ByteOrder) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = order.Uint16(b[2*i:])
	}
	return []byte(string(utf16.Decode(u)))
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252; the other bytes are Latin-1.
var cp1252 = [32]rune{'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ'}

func fromWindows1252(b []byte) []byte {
	var out strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			c := b[0]
			switch {
			case c >= 0x80 && c < 0xa0:
				out.WriteRune(cp1252[c-0x80])
			default:
				out.WriteRune(rune(c))
			}
			b = b[1:]
			continue
		}
		out.WriteRune(r)
		b = b[size:]
	}
	return []byte(out.String())
}

// Hash is the hex SHA-256 of a normalised document; equal documents have equal hashes.
func Hash(normalized []byte) string {
	h := sha256.Sum256(normalized)
	return hex.EncodeToString(h[:])
}

// SeedName names a seed: NNN_<first 16 hex digits of its SHA-256>.txt.
func SeedName(id string, normalized []byte) string {
	return id + "_" + Hash(normalized)[:16] + ".txt"
}

// NextID returns the seed ID after the highest in the corpus ("000" for none).
func (c *Corpus) NextID(offset int) (string, error) {
	next := 0
	for _, s := range c.Seeds {
		n, _ := strconv.Atoi(s.ID)
		next = max(next, n+1)
	}
	next += offset
	if next > 999 {
		return "", fmt.Errorf("no seed number left: seeds are numbered 000 to 999")
	}
	return fmt.Sprintf("%03d", next), nil
}

// MetaBlock returns the sources.yaml entry of a new seed, to append to the
// file: its file name, the ingest date and, when curated is set, its
// articles. Keys are quoted ("005":) like the curated entries.
func MetaBlock(s *Seed, ingested date.Date, curated bool) ([]byte, error) {
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	entry := &yaml.Node{Kind: yaml.MappingNode}
	entry.Content = append(entry.Content, str("file"), str(s.File), str("ingested"), str(ingested.String()))
	if curated {
		arts := &yaml.Node{Kind: yaml.SequenceNode}
		for _, a := range s.Articles {
			m := &yaml.Node{Kind: yaml.MappingNode}
			m.Content = append(m.Content, str("lines"), str(fmt.Sprintf("%d-%d", a.First, a.Last)), str("title"), &yaml.Node{Kind: yaml.ScalarNode, Value: a.Title, Style: yaml.DoubleQuotedStyle})
			if a.Publisher != "" {
				m.Content = append(m.Content, str("publisher"), str(a.Publisher))
			}
			pub := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
			if !a.Published.IsZero() {
				pub = str(a.Published.String())
			}
			m.Content = append(m.Content, str("published"), pub)
			if a.URL != "" {
				m.Content = append(m.Content, str("url"), str(a.URL))
			}
			if a.Note != "" {
				m.Content = append(m.Content, str("note"), &yaml.Node{Kind: yaml.ScalarNode, Value: a.Note, Style: yaml.DoubleQuotedStyle})
			}
			arts.Content = append(arts.Content, m)
		}
		entry.Content = append(entry.Content, str("articles"), arts)
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: s.ID, Style: yaml.DoubleQuotedStyle}, entry}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
