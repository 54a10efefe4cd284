package source

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/date"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"utf-8 with LF", "a\nb\n", "a\nb\n", ""},
		{"no final newline", "a\nb", "a\nb\n", ""},
		{"CRLF", "a\r\nb\r\n", "a\nb\n", ""},
		{"lone CR", "a\rb", "a\nb\n", ""},
		{"BOM", "\xef\xbb\xbfa", "a\n", ""},
		{"UTF-16LE with BOM", "\xff\xfea\x00\n\x00b\x00", "a\nb\n", ""},
		{"UTF-16BE with BOM", "\xfe\xff\x00a\x00\n\x00b", "a\nb\n", ""},
		{"Windows-1252", "caf\xe9 \x93quoted\x94 \x96 dash", "café “quoted” – dash\n", ""},
		{"trailing blank lines", "a\n\n\n", "a\n", ""},
		{"empty", "", "", "empty"},
		{"only white space", " \n\t\n", "", "empty"},
		{"NUL byte", "PK\x03\x04\x00\x00", "", "binary"},
		{"control characters", "\x01\x02\x03\x04\x05text", "", "binary"},
	}
	for _, tt := range tests {
		got, err := Normalize([]byte(tt.in))
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, "Normalize(%s)", tt.name)
			continue
		}
		require.NoError(t, err, "Normalize(%s)", tt.name)
		assert.Equal(t, tt.want, string(got), "Normalize(%s)", tt.name)
	}
}

func TestSeedNameAndNextID(t *testing.T) {
	data := []byte("text\n")
	assert.Regexp(t, `^007_[0-9a-f]{16}\.txt$`, SeedName("007", data), "seed name")
	assert.Equal(t, SeedName("007", data), SeedName("007", append([]byte{}, data...)), "same text, same name")
	c := &Corpus{Seeds: []*Seed{{ID: "000"}, {ID: "004"}}}
	id, err := c.NextID(0)
	require.NoError(t, err)
	assert.Equal(t, "005", id, "after the highest ID")
	id, err = c.NextID(2)
	require.NoError(t, err)
	assert.Equal(t, "007", id, "the third new seed of a batch")
	_, err = (&Corpus{Seeds: []*Seed{{ID: "999"}}}).NextID(0)
	assert.Error(t, err, "no number after 999")
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
