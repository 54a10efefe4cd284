package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/dossier-project/dossier/internal/date"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, encoding, want, err string
	}{
		{"utf-8 with LF", "a\nb\n", "", "a\nb\n", ""},
		{"no final newline", "a\nb", "", "a\nb\n", ""},
		{"CRLF", "a\r\nb\r\n", "", "a\nb\n", ""},
		{"lone CR", "a\rb", "", "a\nb\n", ""},
		{"BOM", "\xef\xbb\xbfa", "", "a\n", ""},
		{"UTF-8 named", "caf\xc3\xa9", "utf-8", "café\n", ""},
		{"UTF-8 BOM and UTF-8 named", "\xef\xbb\xbfa", "UTF8", "a\n", ""},
		{"UTF-16LE with BOM", "\xff\xfea\x00\n\x00b\x00", "", "a\nb\n", ""},
		{"UTF-16BE with BOM", "\xfe\xff\x00a\x00\n\x00b", "", "a\nb\n", ""},
		{"UTF-16LE surrogate pair", "\xff\xfea\x00\x3d\xd8\x00\xde", "", "a😀\n", ""},
		{"Windows-1252 named", "caf\xe9 \x93quoted\x94 \x96 dash", "windows-1252", "café “quoted” – dash\n", ""},
		{"latin1 is windows-1252", "caf\xe9", "latin1", "café\n", ""},
		{"ASCII in any encoding", "plain text", "windows-1256", "plain text\n", ""},
		{"trailing blank lines", "a\n\n\n", "", "a\n", ""},
		{"empty", "", "", "", "empty"},
		{"only white space", " \n\t\n", "", "", "empty"},
		{"NUL byte", "PK\x03\x04\x00\x00", "", "", "binary"},
		{"NUL byte in a named encoding", "PK\x03\x04\x00\x00\xe9", "windows-1252", "", "binary"},
		{"control characters", "\x01\x02\x03\x04\x05text", "", "", "binary"},
		{"unknown encoding", "text", "windows-9999", "", `unknown encoding "windows-9999": name one by its WHATWG label, such as windows-1252, windows-1256`},
		{"an encoding that reads nothing", "text", "iso-2022-kr", "", `encoding "iso-2022-kr" cannot be read`},
		{"UTF-8 read as another encoding", "caf\xc3\xa9", "windows-1252", "", "the file is already UTF-8"},
		{"byte-order mark against the name", "\xff\xfea\x00", "windows-1256", "", "byte-order mark of UTF-16LE, not windows-1256"},
		{"UTF-16 byte-order marks disagree", "\xff\xfea\x00", "utf-16be", "", "byte-order mark of UTF-16LE, not utf-16be"},
	}
	for _, tt := range tests {
		got, err := Normalize([]byte(tt.in), tt.encoding)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, "Normalize(%s)", tt.name)
			continue
		}
		require.NoError(t, err, "Normalize(%s)", tt.name)
		assert.Equal(t, tt.want, string(got), "Normalize(%s)", tt.name)
	}
}

// TestNormalizeRefusesBadBytes: a byte that is no text in the document's
// encoding is an *EncodingError naming it, never a U+FFFD in the seed.
func TestNormalizeRefusesBadBytes(t *testing.T) {
	tests := []struct {
		name, in, encoding string
		offset, line       int
		b                  byte
	}{
		{"Windows-1252 without a name", "caf\xe9", "", 3, 1, 0xe9},
		{"invalid UTF-8 on line 3", "a\r\nb\nc \xff", "", 7, 3, 0xff},
		{"a lone CR ends a line", "a\rb\xc3", "", 3, 2, 0xc3},
		{"invalid UTF-8, UTF-8 named", "a\n\xc3(", "utf-8", 2, 2, 0xc3},
		{"undefined in windows-1252", "ab\ncd\x81e", "windows-1252", 5, 2, 0x81},
		{"undefined in iso-8859-6", "\xc7\xe4\xa1", "iso-8859-6", 2, 1, 0xa1},
		{"C1 control in iso-8859-6", "x\n\x85", "iso-8859-6", 2, 2, 0x85},
		{"bad Shift_JIS pair", "a\n\x82\xa0\x82\x20", "shift_jis", 4, 2, 0x82},
		{"lone UTF-16 surrogate", "\xff\xfea\x00\n\x00\x3d\xd8b\x00", "", 6, 2, 0x3d},
		{"UTF-16 with an odd byte", "\xfe\xff\x00a\x00", "", 4, 1, 0x00},
		{"UTF-16 low surrogate first", "\x00\xdca\x00", "utf-16le", 0, 1, 0x00},
	}
	for _, tt := range tests {
		_, err := Normalize([]byte(tt.in), tt.encoding)
		var e *EncodingError
		require.ErrorAs(t, err, &e, "Normalize(%s)", tt.name)
		assert.Equal(t, tt.offset, e.Offset, "offset in %s: %v", tt.name, e)
		assert.Equal(t, tt.line, e.Line, "line in %s", tt.name)
		assert.Equal(t, tt.b, e.Byte, "byte in %s", tt.name)
		assert.NotContains(t, e.Error(), "line", "the message of %s leaves the line to FILE:LINE", tt.name)
	}
}

// TestNormalizeEncodings reads real sentences saved in other encodings: each
// reads back exactly when its encoding is named (UTF-16 with a byte-order
// mark also without), and without the name is refused at its first byte
// beyond ASCII with a likely encoding suggested.
func TestNormalizeEncodings(t *testing.T) {
	const (
		arabic = "12 November 2025\nقال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.\nوأضاف أن الحدود ستبقى مغلقة حتى إشعار آخر.\n"
		urdu   = "12 November 2025\nوزیر خارجہ نے کہا کہ بات چیت اگلے ہفتے دوبارہ شروع ہوگی۔\nانہوں نے مزید کہا کہ سرحد بند رہے گی۔\n"
		french = "12 novembre 2025\nLe ministre a déclaré : « Les négociations reprendront la semaine prochaine. »\nLe coût de l’œuvre – 45 € – a été jugé « raisonnable ».\n"
	)
	tests := []struct {
		file, encoding, want string
		bom                  int // bytes of byte-order mark
		// refused without the name: where, and the suggestion
		offset, line  int
		guess, script string
	}{
		{"arabic.windows-1256.txt", "windows-1256", arabic, 0, 18, 2, "windows-1256", "Arabic"},
		{"urdu.utf-16le.txt", "utf-16le", urdu, 2, 1, 1, "utf-16le", ""},
		{"urdu.utf-16be.txt", "utf-16be", urdu, 2, 0, 1, "utf-16be", ""},
		{"french.windows-1252.txt", "windows-1252", french, 0, 33, 2, "windows-1252", "Latin"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", "encodings", tt.file))
		require.NoError(t, err)
		// The fixture is the sentences encoded by x/text, with CRLF
		// line ends (the last one perhaps left out).
		enc, err := htmlindex.Get(tt.encoding)
		require.NoError(t, err)
		encoded, err := enc.NewEncoder().String(strings.ReplaceAll(tt.want, "\n", "\r\n"))
		require.NoError(t, err)
		crlf, err := enc.NewEncoder().String("\r\n")
		require.NoError(t, err)
		require.Equal(t, strings.TrimSuffix(encoded, crlf), strings.TrimSuffix(string(data[tt.bom:]), crlf), "fixture %s", tt.file)

		got, err := Normalize(data, tt.encoding)
		require.NoError(t, err, "%s read as %s", tt.file, tt.encoding)
		assert.Equal(t, tt.want, string(got), "%s read as %s", tt.file, tt.encoding)
		assert.True(t, utf8.Valid(got) && !bytes.ContainsRune(got, utf8.RuneError), "%s: valid UTF-8 without U+FFFD", tt.file)

		if tt.bom > 0 {
			got, err := Normalize(data, "")
			require.NoError(t, err, "%s, with its byte-order mark, needs no name", tt.file)
			assert.Equal(t, tt.want, string(got), "%s read without a name", tt.file)
			data = data[tt.bom:] // and without its mark it needs one
		}
		_, err = Normalize(data, "")
		var e *EncodingError
		require.ErrorAs(t, err, &e, "%s without -encoding", tt.file)
		assert.Equal(t, tt.offset, e.Offset, "offset of the first bad byte of %s", tt.file)
		assert.Equal(t, tt.line, e.Line, "line of the first bad byte of %s", tt.file)
		assert.Equal(t, data[tt.offset], e.Byte, "first bad byte of %s", tt.file)
		assert.Equal(t, tt.guess, e.Guess, "encoding suggested for %s", tt.file)
		assert.Equal(t, tt.script, e.Script, "script suggested for %s", tt.file)
		assert.Contains(t, e.Error(), "dossier ingest -encoding NAME", "%s: the message says what to do", tt.file)
		assert.Contains(t, e.Error(), "-encoding "+tt.guess+")", "%s: the message names the likely encoding", tt.file)

		if tt.bom == 0 {
			// Read in the wrong single-byte encoding, the text would be
			// mojibake; the guess must not prefer it.
			wrong := map[string]string{"windows-1256": "windows-1251", "windows-1252": "windows-1253"}[tt.encoding]
			if mis, err := Normalize(data, wrong); err == nil {
				assert.NotEqual(t, tt.want, string(mis), "%s read as %s differs", tt.file, wrong)
			}
		}
	}
}

// FuzzNormalize: whatever the bytes and the encoding named, Normalize does
// not panic, and what it accepts is seed text: valid UTF-8, LF line ends, a
// final newline, and no U+FFFD the document did not hold.
func FuzzNormalize(f *testing.F) {
	for _, seed := range []string{"caf\xe9\r\n", "\xff\xfea\x00\x3d\xd8", "a\n\x82\xa0\x82\x20", "\xef\xbf\xbd ok", "\xc7\xe4\xa1"} {
		for _, enc := range []string{"", "windows-1256", "utf-16be", "shift_jis", "iso-8859-6"} {
			f.Add([]byte(seed), enc)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, encoding string) {
		got, err := Normalize(data, encoding)
		if err != nil {
			var e *EncodingError
			if errors.As(err, &e) && (e.Offset < 0 || e.Offset >= len(data) || data[e.Offset] != e.Byte || e.Line < 1) {
				t.Fatalf("Normalize(%q, %q): %+v names no byte of the document", data, encoding, e)
			}
			return
		}
		if !utf8.Valid(got) || bytes.Contains(got, []byte("\r")) || !bytes.HasSuffix(got, []byte("\n")) {
			t.Fatalf("Normalize(%q, %q) = %q: not seed text", data, encoding, got)
		}
		if bytes.ContainsRune(got, utf8.RuneError) && !bytes.Contains(data, []byte("\xef\xbf\xbd")) && !bytes.Contains(data, []byte{0xfd, 0xff}) && !bytes.Contains(data, []byte{0xff, 0xfd}) {
			t.Fatalf("Normalize(%q, %q) = %q: a U+FFFD the document did not hold", data, encoding, got)
		}
	})
}

func TestCheckEncoding(t *testing.T) {
	for _, name := range []string{"", "utf-8", "windows-1256", "ISO-8859-6", "utf-16le", "shift_jis"} {
		assert.NoError(t, CheckEncoding(name), "CheckEncoding(%q)", name)
	}
	for _, name := range []string{"windows-9999", "klingon", "replacement"} {
		assert.Error(t, CheckEncoding(name), "CheckEncoding(%q)", name)
	}
}

func TestSeedNameAndNextID(t *testing.T) {
	data := []byte("text\n")
	assert.Regexp(t, `^007_[0-9a-f]{16}\.txt$`, SeedName("007", data), "seed name")
	assert.Equal(t, SeedName("007", data), SeedName("007", append([]byte{}, data...)), "same text, same name")
	c := &Corpus{Seeds: []*Seed{{ID: "000"}, {ID: "004"}}}
	assert.Equal(t, "005", c.NextID(0), "after the highest ID")
	assert.Equal(t, "007", c.NextID(2), "the third new seed of a batch")
	assert.Equal(t, "000", (&Corpus{}).NextID(0), "the first seed")
	// Past 999 the number itself, as IDForm spells it, in numeric order.
	big := &Corpus{Seeds: []*Seed{{ID: "998"}, {ID: "999"}}}
	assert.Equal(t, "1000", big.NextID(0))
	assert.Equal(t, "1002", big.NextID(2))
	assert.Equal(t, "1235", (&Corpus{Seeds: []*Seed{{ID: "999"}, {ID: "1234"}}}).NextID(0))
	for _, id := range []string{"000", "999", "1000", "1002", "1235"} {
		assert.Regexp(t, "^"+IDForm+"$", id)
	}
}

// TestMetaBlockReadsBack appends an entry to a curated sources.yaml and loads it.
func TestMetaBlockReadsBack(t *testing.T) {
	seed, ps := Parse("001", "001_abc.txt", []byte("Headline: a test: with colons\nPublished On 14 Nov 2025\nShare\nBody text here.\n"))
	require.Nil(t, ps)
	seed.Articles[0].Publisher = "Al Jazeera"
	seed.Articles[0].Note = `says "quoted" things`
	block, err := MetaBlock(seed, date.MustParse("2025-11-15"), true)
	require.NoError(t, err)
	curated := "# curated comment\n\"000\":\n  file: 000_ab.txt  # note\n"
	fsys := fstest.MapFS{
		"seeds/000_ab.txt":   {Data: []byte("a\n")},
		"seeds/001_abc.txt":  {Data: []byte("Headline: a test: with colons\nPublished On 14 Nov 2025\nShare\nBody text here.\n")},
		"seeds/sources.yaml": {Data: append([]byte(curated+"\n"), block...)},
	}
	c, problems := Load(fsys)
	require.Empty(t, problems, "the appended block loads: %s", block)
	s := c.Seed("001")
	require.NotNil(t, s)
	assert.Equal(t, "2025-11-15", s.Ingested.String(), "ingest date")
	require.Len(t, s.Articles, 1)
	assert.Equal(t, "Al Jazeera", s.Articles[0].Publisher)
	assert.Equal(t, "2025-11-14", s.Articles[0].Published.String(), "detected publication date")
	assert.True(t, s.Articles[0].Curated)
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(block, &root))
	assert.Equal(t, yaml.DoubleQuotedStyle, root.Content[0].Content[0].Style, "the key is quoted like \"000\"")

	d, batch := c.LatestBatch()
	assert.Equal(t, "2025-11-15", d.String(), "latest batch date")
	require.Len(t, batch, 1)
	assert.Equal(t, "001", batch[0].ID, "the ingested seed is the latest batch")
}

func TestLatestBatchOfFirstBatch(t *testing.T) {
	c := &Corpus{Seeds: []*Seed{{ID: "000"}, {ID: "001"}}}
	d, batch := c.LatestBatch()
	assert.True(t, d.IsZero(), "no ingest date")
	assert.Empty(t, batch, "the first batch is not new")
}
