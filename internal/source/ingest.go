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
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/dossier-project/dossier/internal/date"
)

// Ingesting a document: Normalize turns it into seed form, SeedName names it,
// and MetaBlock writes its entry for sources.yaml. The command line does the
// file system work around them.

// Normalize converts a document to seed form: UTF-8 without a byte-order
// mark, LF line endings and a final newline.
//
// encoding names the document's encoding with a WHATWG label
// ("windows-1256", "iso-8859-6", "windows-1252", "utf-16le", "shift_jis"; see
// golang.org/x/text/encoding/htmlindex), or is "" when the document is
// UTF-8. UTF-8, with or without a byte-order mark, and UTF-16 with a
// byte-order mark need no name. A document is never read in an encoding it
// was not given in: bytes that are not UTF-8 when no encoding is named, and
// bytes that are no character in the named encoding, are an
// *EncodingError naming the first of them, never replaced by U+FFFD. A
// named encoding that a byte-order mark contradicts, or that would misread
// a document already in UTF-8, is an error too.
//
// Empty and binary documents, and documents full of control characters, are
// refused.
func Normalize(data []byte, encoding string) ([]byte, error) {
	text, err := decodeText(data, encoding)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, errors.New("empty: the file has no text")
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return nil, fmt.Errorf("binary: NUL byte at byte %d; a seed is a text file", i)
	}
	control := 0
	for _, r := range string(text) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			control++
		}
	}
	if control*100 > len(text) {
		return nil, fmt.Errorf("binary: %d control characters; a seed is a text file", control)
	}
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	text = append(bytes.TrimRight(text, "\n"), '\n')
	return text, nil
}

// CheckEncoding reports whether Normalize can read documents in the named
// encoding, so that a command can refuse a bad name before reading any file.
func CheckEncoding(name string) error {
	if name == "" {
		return nil
	}
	_, _, err := lookupEncoding(name)
	return err
}

// An EncodingError reports the first byte of a document that is no text in
// its encoding. Its message does not repeat Line: print it as
// FILE:LINE: message.
type EncodingError struct {
	Encoding string // the encoding named, or "" when the document had to be UTF-8
	Offset   int    // the byte's offset in the document, from 0
	Line     int    // the byte's line, from 1
	Byte     byte   // the byte itself
	// Guess is, when the bytes read as text in one of a few common
	// encodings, that encoding's name ("windows-1256"), or "". It is
	// only ever offered to the user, never used.
	Guess string
	// Script is the script the bytes read as in Guess ("Arabic"), or "".
	Script string
	// Mixed says that the document's other characters beyond ASCII are
	// UTF-8, so that no one encoding reads it: a damaged file, or text
	// pasted together from several.
	Mixed bool
}

// Error says which byte is wrong and what to do about it.
func (e *EncodingError) Error() string {
	var b strings.Builder
	switch {
	case e.Encoding == "" && e.Mixed:
		fmt.Fprintf(&b, "byte 0x%02X at offset %d is not UTF-8 text, while the file's other characters beyond ASCII are: no one encoding reads the file; correct the byte in the document, then run `dossier ingest` on it", e.Byte, e.Offset)
		return b.String()
	case e.Encoding == "":
		fmt.Fprintf(&b, "byte 0x%02X at offset %d is not UTF-8 text: if the file is in another encoding, run `dossier ingest -encoding NAME` on it", e.Byte, e.Offset)
	default:
		fmt.Fprintf(&b, "byte 0x%02X at offset %d is no character in %s: check the name given to -encoding", e.Byte, e.Offset, e.Encoding)
	}
	switch {
	case e.Guess != "" && e.Script != "":
		fmt.Fprintf(&b, " (the file reads as %s text in %s: -encoding %s)", e.Script, e.Guess, e.Guess)
	case e.Guess != "":
		fmt.Fprintf(&b, " (the file reads as text in %s: -encoding %s)", e.Guess, e.Guess)
	case e.Encoding == "":
		b.WriteString(" (NAME is a WHATWG label: " + strings.Join(encodingExamples, ", ") + ", …)")
	}
	return b.String()
}

// encodingExamples are names Normalize accepts, for messages.
var encodingExamples = []string{"windows-1252", "windows-1256", "iso-8859-6", "windows-1251", "utf-16le", "utf-16be", "shift_jis", "gbk"}

// byte-order marks
var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// lookupEncoding finds an encoding by its WHATWG label and returns it with
// its canonical name.
func lookupEncoding(label string) (encoding.Encoding, string, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", fmt.Errorf("unknown encoding %q: name one by its WHATWG label, such as %s", label, strings.Join(encodingExamples, ", "))
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return nil, "", fmt.Errorf("encoding %q cannot be read: name one such as %s", label, strings.Join(encodingExamples, ", "))
	}
	return enc, name, nil
}

// decodeText returns a document's text as UTF-8, without a byte-order mark.
func decodeText(data []byte, label string) ([]byte, error) {
	name := "utf-8"
	var enc encoding.Encoding
	if label != "" {
		var err error
		if enc, name, err = lookupEncoding(label); err != nil {
			return nil, err
		}
	}
	bom := ""
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		bom = "utf-8"
	case bytes.HasPrefix(data, bomUTF16LE):
		bom = "utf-16le"
	case bytes.HasPrefix(data, bomUTF16BE):
		bom = "utf-16be"
	}
	if label != "" && bom != "" && bom != name {
		return nil, fmt.Errorf("the file starts with the byte-order mark of %s, not %s: leave out -encoding", strings.ToUpper(bom), name)
	}
	if bom != "" {
		name = bom
	}
	switch name {
	case "utf-8":
		body := bytes.TrimPrefix(data, bomUTF8)
		e := notUTF8(body)
		switch {
		case e == nil:
			return body, nil
		case label != "" && e.Guess != "" && e.Byte == 0:
			// UTF-8 named for UTF-16 text: its NUL bytes make it binary,
			// which Normalize refuses as such
			return body, nil
		case label != "":
			e.Encoding = name
		}
		e.Offset += len(data) - len(body)
		return nil, e
	case "utf-16le", "utf-16be":
		offset := 0
		if bom != "" {
			offset = 2
		}
		return fromUTF16(data[offset:], offset, name)
	}
	if utf8.Valid(data) && !isASCII(data) {
		return nil, fmt.Errorf("the file is already UTF-8 (its text is not ASCII and reads as UTF-8): leave out -encoding %s, which would misread it", label)
	}
	text, err := decodeStrict(data, enc, name)
	if e, ok := err.(*EncodingError); ok {
		if g, script := guessEncoding(data); g != name {
			e.Guess, e.Script = g, script
		}
	}
	return text, err
}

// notUTF8 returns nil when data is UTF-8 text or a binary file (holding NUL
// bytes, which Normalize and Decode refuse as such), and otherwise an
// *EncodingError naming its first byte that is not UTF-8 and the encoding
// the bytes likely are in: UTF-16 (with or without a byte-order mark) or one
// of a few common encodings (see guessEncoding).
func notUTF8(data []byte) *EncodingError {
	for _, bom := range []struct {
		mark []byte
		name string
	}{{bomUTF16LE, "utf-16le"}, {bomUTF16BE, "utf-16be"}} {
		if bytes.HasPrefix(data, bom.mark) {
			return &EncodingError{Line: 1, Byte: data[0], Guess: bom.name}
		}
	}
	if g := guessUTF16(data); g != "" {
		i := bytes.IndexByte(data, 0)
		return &EncodingError{Offset: i, Line: lineOf(data[:i]), Byte: 0, Guess: g}
	}
	if utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil
	}
	i := firstInvalidUTF8(data)
	e := &EncodingError{Offset: i, Line: lineOf(data[:i]), Byte: data[i], Mixed: hasUTF8Beyond(data)}
	if !e.Mixed {
		e.Guess, e.Script = guessEncoding(data)
	}
	return e
}

// hasUTF8Beyond reports whether data holds a valid UTF-8 character beyond
// ASCII, which text in a single-byte encoding almost never forms.
func hasUTF8Beyond(data []byte) bool {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}

// firstInvalidUTF8 returns the offset of the first byte of data that is not
// part of valid UTF-8, or -1.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return true
}

// lineOf returns the line that follows text, from 1: a line ends at LF, CR
// LF or a lone CR, as Normalize reads them.
func lineOf(text []byte) int {
	n := 1 + bytes.Count(text, []byte("\n"))
	for i, c := range text {
		if c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
			n++
		}
	}
	return n
}

// fromUTF16 decodes UTF-16 (without its byte-order mark, which took offset
// bytes); a lone surrogate or an odd last byte is an error.
func fromUTF16(b []byte, offset int, name string) ([]byte, error) {
	var order binary.ByteOrder = binary.LittleEndian
	if name == "utf-16be" {
		order = binary.BigEndian
	}
	out := make([]byte, 0, len(b))
	bad := func(i int) error {
		return &EncodingError{Encoding: name, Offset: offset + i, Line: lineOf(out), Byte: b[i]}
	}
	for i := 0; i < len(b); i += 2 {
		if i+1 == len(b) {
			return nil, bad(i)
		}
		r := rune(order.Uint16(b[i:]))
		if utf16.IsSurrogate(r) {
			if r >= 0xdc00 || i+3 >= len(b) {
				return nil, bad(i)
			}
			if r = utf16.DecodeRune(r, rune(order.Uint16(b[i+2:]))); r == utf8.RuneError {
				return nil, bad(i)
			}
			i += 2
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// decodeStrict decodes data from enc, a single- or multi-byte encoding that
// keeps ASCII as it is; a byte that is no character in it (which the x/text
// decoders turn into U+FFFD, or a C1 control character) is an error.
func decodeStrict(data []byte, enc encoding.Encoding, name string) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", name, err)
	}
	bad := bytes.IndexFunc(out, func(r rune) bool { return r == utf8.RuneError || r >= 0x80 && r < 0xa0 })
	if bad < 0 {
		return out, nil
	}
	// Where in data is the bad character? Each line (ASCII-compatible
	// encodings keep LF) is decoded on its own and the part before the bad
	// character encoded again to count its bytes.
	line := lineOf(out[:bad])
	start := 0
	for l := 1; l < line; l++ {
		next := bytes.IndexAny(data[start:], "\r\n")
		if next < 0 {
			break
		}
		start += next + 1
		if data[start-1] == '\r' && start < len(data) && data[start] == '\n' {
			start++
		}
	}
	offset := start
	if c, ok := enc.(*charmap.Charmap); ok {
		for offset < len(data) {
			if r := c.DecodeByte(data[offset]); r == utf8.RuneError || r >= 0x80 && r < 0xa0 {
				break
			}
			offset++
		}
	} else {
		lineStart := bytes.LastIndexAny(out[:bad], "\r\n") + 1
		if back, err := enc.NewEncoder().Bytes(out[lineStart:bad]); err == nil {
			offset = min(start+len(back), len(data)-1)
		}
	}
	return nil, &EncodingError{Encoding: name, Offset: offset, Line: line, Byte: data[offset]}
}

// guessable are the encodings guessEncoding tries, in order of preference
// when several read a document equally well, with the script each writes
// beyond ASCII.
var guessable = []struct{ name, script string }{
	{"windows-1252", "Latin"}, {"windows-1250", "Latin"}, {"windows-1256", "Arabic"}, {"windows-1251", "Cyrillic"},
	{"windows-1253", "Greek"}, {"windows-1255", "Hebrew"}, {"windows-874", "Thai"}, {"windows-1254", "Latin"},
	{"shift_jis", "Japanese"}, {"euc-kr", "Hangul"}, {"gbk", "Han"}, {"big5", "Han"},
}

// guessEncoding returns the encoding among guessable that reads data best,
// with the script it reads it as, or "" when none reads it clearly well:
// every word beyond ASCII must be letters of that encoding's script (a
// Latin one holding ASCII letters too, as "café" does and mojibake such as
// "ÞÇá" does not), or common punctuation.
func guessEncoding(data []byte) (name, script string) {
	best := 0.0
	for _, g := range guessable {
		enc, _, err := lookupEncoding(g.name)
		if err != nil {
			continue
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			continue
		}
		if s := readsAs(string(out), g.script); s > best+0.001 {
			best, name, script = s, g.name, g.script
		}
	}
	if best < 0.95 {
		return "", ""
	}
	return name, script
}

// scripts are the Unicode scripts of guessable's script names.
var scripts = map[string][]*unicode.RangeTable{
	"Latin": {unicode.Latin}, "Arabic": {unicode.Arabic}, "Cyrillic": {unicode.Cyrillic}, "Greek": {unicode.Greek},
	"Hebrew": {unicode.Hebrew}, "Thai": {unicode.Thai}, "Japanese": {unicode.Hiragana, unicode.Katakana, unicode.Han},
	"Hangul": {unicode.Hangul}, "Han": {unicode.Han},
}

// readsAs returns the share of text's non-ASCII characters that read as
// text in script: letters of it in words of it, or common punctuation.
func readsAs(text, script string) float64 {
	good, all := 0, 0
	for _, word := range strings.FieldsFunc(text, func(r rune) bool { return r < 0x80 && !unicode.IsLetter(r) }) {
		nonASCII, ascii, ok := 0, false, true
		for _, r := range word {
			switch {
			case r < 0x80:
				ascii = true
			case unicode.In(r, scripts[script]...) || unicode.Is(unicode.Mn, r):
				nonASCII++
			case unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) || unicode.Is(unicode.Cf, r):
				all++
				good++ // “ ” « » – €, a no-break space, a joiner or direction mark
			default:
				nonASCII++
				ok = false
			}
		}
		if script == "Latin" && !ascii && nonASCII > 1 {
			ok = false // "ÞÇá": Latin letters beyond ASCII make no word alone
		}
		all += nonASCII
		if ok {
			good += nonASCII
		}
	}
	if all == 0 {
		return 0
	}
	return float64(good) / float64(all)
}

// guessUTF16 returns "utf-16le" or "utf-16be" when data looks like UTF-16
// without a byte-order mark, or "": its NUL bytes (the high bytes of ASCII
// characters) all stand in odd places or all in even ones, and it reads as
// UTF-16 text without NUL or control characters.
func guessUTF16(data []byte) string {
	if len(data) < 2 || len(data)%2 != 0 || bytes.IndexByte(data, 0) < 0 {
		return ""
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	name := ""
	switch {
	case odd > 0 && even == 0:
		name = "utf-16le"
	case even > 0 && odd == 0:
		name = "utf-16be"
	default:
		return ""
	}
	text, err := fromUTF16(data, 0, name)
	if err != nil {
		return ""
	}
	for _, r := range string(text) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			return ""
		}
	}
	return name
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

// NextID returns the ID offset places after the highest in the corpus
// ("000" for none): three digits up to 999, then 1000, 1001, … (IDForm).
func (c *Corpus) NextID(offset int) string {
	next := 0
	for _, s := range c.Seeds {
		n, _ := strconv.Atoi(s.ID)
		next = max(next, n+1)
	}
	return fmt.Sprintf("%03d", next+offset)
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
