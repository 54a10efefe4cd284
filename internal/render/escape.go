package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Rows written in Go instead of a layout's loop must read as html/template
// would have written them. writeText and writeURLAttr escape as it does a
// value in HTML text and a URL in a double-quoted attribute (its escapers
// htmlEscaper, and urlFilter, urlNormalizer and attrEscaper).

// htmlReplacements are the runes html/template replaces in text and in
// quoted attribute values.
var htmlReplacements = [...]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// writeEscaped writes s as html.EscapeString returns it, without making
// the string: the rows of the source viewer and the mention lists escape
// every line they show.
func writeEscaped(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		with := escapedBytes[s[i]]
		if with == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(with)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// escapedBytes are the bytes html.EscapeString replaces, with what.
var escapedBytes = [256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"}

// writeText writes s as html/template writes a string in HTML text.
func writeText(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if int(r) < len(htmlReplacements) && htmlReplacements[r] != "" {
			b.WriteString(s[written:i])
			b.WriteString(htmlReplacements[r])
			written = i + w
		}
		i += w
	}
	b.WriteString(s[written:])
}

// writeURLAttr writes s as html/template writes a URL that is a whole
// double-quoted attribute value: a URL with a scheme other than http,
// https or mailto becomes "#ZgotmplZ"; bytes a URL may not hold are
// percent-encoded (valid escapes are kept); the result is escaped as text.
func writeURLAttr(b *strings.Builder, s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	var u strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case urlPlain[c]:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		u.WriteString(s[written:i])
		fmt.Fprintf(&u, "%%%02x", c)
		written = i + 1
	}
	if written > 0 {
		u.WriteString(s[written:])
		s = u.String()
	}
	writeText(b, s)
}

// urlPlain are the bytes a URL holds as they are: letters, digits and
// "!#$&*+,/:;=?@[]-._~".
var urlPlain = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&*+,/:;=?@[]-._~", byte(c)) >= 0
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
