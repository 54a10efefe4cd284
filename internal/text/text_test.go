package text

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  b\n c", 10, "a  b\n c"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"abcdefghijklmnop", 5, "abcde…"},
		{"ééééé ééééé", 7, "ééééé…"},
	} {
		assert.Equal(t, tt.want, Shorten(tt.in, tt.n), tt.in)
	}
}

func TestCount(t *testing.T) {
	assert.Equal(t, "0 errors", Count(0, "error"))
	assert.Equal(t, "1 error", Count(1, "error"))
	assert.Equal(t, "12 sources", Count(12, "source"))
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct {
		in    string
		words int
		want  string
	}{
		{"Khawaja Asif", 0, "khawaja-asif"},
		{"Türkiye’s Foreign Ministry", 0, "turkiyes-foreign-ministry"},
		{"  Doha -- talks!  ", 0, "doha-talks"},
		{"one two three four", 2, "one-two"},
		{"Ayman al-Zawahiri", 0, "ayman-al-zawahiri"},
	} {
		assert.Equal(t, tt.want, Slug(tt.in, tt.words), tt.in)
	}
}

func TestUpperFirst(t *testing.T) {
	assert.Equal(t, "Éléments", UpperFirst("éléments"))
	assert.Equal(t, "", UpperFirst(""))
	assert.Equal(t, "Km of border", UpperFirst("km of border"))
}

func TestOneLine(t *testing.T) {
	assert.Equal(t, "a b c", OneLine("  a  b\n\tc "))
}
