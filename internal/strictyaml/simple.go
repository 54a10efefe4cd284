package strictyaml

import (
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse parses a YAML document into the tree yaml.Unmarshal makes of it.
// Curated YAML — front matter, sources.yaml — is mostly written in a few
// shapes: block mappings and sequences with one scalar per line, and lists
// of plain scalars in brackets. Those are parsed here (simple), several
// times faster than by the YAML library; anything else goes to the library,
// which also has the last word on every error.
func Parse(data []byte) (*yaml.Node, error) {
	if root, ok := simple(data); ok {
		return root, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	return &root, nil
}

// simpleLine is a line of a document that holds something: not blank, not
// a comment.
type simpleLine struct {
	no     int    // 1-based
	indent int    // spaces before text
	text   string // trailing spaces removed
}

type simpleParser struct {
	lines []simpleLine
	i     int // the next line
}

// simple parses data when it is written in the shapes Parse names, and
// reports false for anything it does not know, without judging whether it
// is valid YAML. It builds what the library builds, position for position,
// comments aside (nothing reads them).
func simple(data []byte) (*yaml.Node, bool) {
	if !utf8.Valid(data) {
		return nil, false
	}
	s := string(data)
	for _, r := range s {
		// Tabs, other line breaks, the byte order mark and what the library
		// does not take as printable are left to it.
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return nil, false
		}
	}
	var lines []simpleLine
	for i, text := range strings.Split(s, "\n") {
		text = strings.TrimRight(text, " ")
		body := strings.TrimLeft(text, " ")
		if body == "" || body[0] == '#' {
			continue
		}
		if len(body) == len(text) && (strings.HasPrefix(text, "---") || strings.HasPrefix(text, "...") || text[0] == '%') {
			return nil, false // document markers and directives
		}
		lines = append(lines, simpleLine{no: i + 1, indent: len(text) - len(body), text: body})
	}
	if len(lines) == 0 || lines[0].indent != 0 {
		return nil, false
	}
	p := &simpleParser{lines: lines}
	n, ok := p.block()
	if !ok || p.i != len(p.lines) {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: n.Line, Column: 1, Content: []*yaml.Node{n}}, true
}

// isItem reports whether a line's text starts an item of a block sequence.
func isItem(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// block parses the mapping or sequence that starts at the next line.
func (p *simpleParser) block() (*yaml.Node, bool) {
	l := p.lines[p.i]
	if isItem(l.text) {
		return p.sequence(l.indent)
	}
	return p.mapping(l.indent)
}

// mapping parses the key: value lines at indent from the next line on.
func (p *simpleParser) mapping(indent int) (*yaml.Node, bool) {
	first := p.lines[p.i]
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: first.no, Column: indent + 1}
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent || isItem(l.text) {
			return nil, false
		}
		key, rest, ok := splitKey(l)
		if !ok {
			return nil, false
		}
		p.i++
		var v *yaml.Node
		if rest == "" {
			// The value is the block below: deeper, or a sequence at the
			// key's own indent. Nothing there is a null, left to the library.
			if p.i == len(p.lines) {
				return nil, false
			}
			switch next := p.lines[p.i]; {
			case next.indent > indent:
				v, ok = p.block()
			case next.indent == indent && isItem(next.text):
				v, ok = p.sequence(indent)
			default:
				return nil, false
			}
		} else {
			// A deeper line below would continue it, a multi-line scalar:
			// the loop refuses it, as the loops of enclosing blocks do.
			v, ok = value(rest, l.no, column(l, rest))
		}
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, key, v)
	}
	return m, true
}

// sequence parses the "- item" lines at indent from the next line on.
func (p *simpleParser) sequence(indent int) (*yaml.Node, bool) {
	first := p.lines[p.i]
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.no, Column: indent + 1}
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent || l.indent == indent && !isItem(l.text) {
			break
		}
		if l.indent > indent || l.text == "-" {
			return nil, false
		}
		rest := strings.TrimLeft(l.text[1:], " ")
		if isItem(rest) {
			return nil, false
		}
		itemIndent := indent + len(l.text) - len(rest)
		var item *yaml.Node
		var ok bool
		if _, _, isKey := splitKey(simpleLine{l.no, itemIndent, rest}); isKey {
			// "- key: value": a mapping whose keys line up after the dash.
			p.lines[p.i] = simpleLine{l.no, itemIndent, rest}
			item, ok = p.mapping(itemIndent)
		} else {
			p.i++
			item, ok = value(rest, l.no, itemIndent+1)
		}
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, item)
	}
	return s, true
}

// column is the 1-based column, in characters, where rest, the end of
// line l's text, starts.
func column(l simpleLine, rest string) int {
	return l.indent + 1 + utf8.RuneCountInString(l.text[:len(l.text)-len(rest)])
}

// splitKey splits "key: value" into the key and what follows it, "" when
// the value is on the lines below.
func splitKey(l simpleLine) (*yaml.Node, string, bool) {
	text := l.text
	key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: l.no, Column: l.indent + 1}
	var after string
	switch text[0] {
	case '"', '\'':
		end := strings.IndexByte(text[1:], text[0])
		if end < 0 {
			return nil, "", false
		}
		var ok bool
		if key.Value, ok = quoted(text[:end+2]); !ok {
			return nil, "", false
		}
		key.Style = yaml.DoubleQuotedStyle
		if text[0] == '\'' {
			key.Style = yaml.SingleQuotedStyle
		}
		after = text[end+2:]
	default:
		i := strings.IndexByte(text, ':')
		if i <= 0 || !plainKey(text[:i]) {
			return nil, "", false
		}
		key.Value, after = text[:i], text[i:]
	}
	if !strings.HasPrefix(after, ":") || len(after) > 1 && after[1] != ' ' {
		return nil, "", false
	}
	return key, strings.TrimLeft(after[1:], " "), true
}

// plainKey reports whether an unquoted key is a word the library takes as
// text: letters, digits, _ and -, starting with a letter or _.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	tag, ok := resolve(k)
	return ok && tag == "!!str"
}

// value parses the scalar or bracketed list text, which starts at column
// col of line no and runs to the line's end.
func value(text string, no, col int) (*yaml.Node, bool) {
	switch text[0] {
	case '[':
		return flowList(text, no, col)
	case '"', '\'':
		v, ok := quoted(text)
		if !ok {
			return nil, false
		}
		style := yaml.DoubleQuotedStyle
		if text[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: v, Line: no, Column: col}, true
	}
	return plain(text, no, col, false)
}

// quoted returns what the quoted scalar text holds, when it is one quoted
// scalar with no escapes and no line break.
func quoted(text string) (string, bool) {
	q := text[0]
	if len(text) < 2 || text[len(text)-1] != q {
		return "", false
	}
	v := text[1 : len(text)-1]
	if strings.IndexByte(v, q) >= 0 || q == '"' && strings.IndexByte(v, '\\') >= 0 {
		return "", false
	}
	return v, true
}

// plain parses an unquoted scalar, inside brackets when flow is set.
func plain(text string, no, col int, flow bool) (*yaml.Node, bool) {
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(text[0])) ||
		strings.Contains(text, ": ") || strings.Contains(text, " #") || strings.HasSuffix(text, ":") ||
		flow && strings.ContainsAny(text, ",[]{}:#") {
		return nil, false
	}
	tag, ok := resolve(text)
	if !ok {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text, Line: no, Column: col}, true
}

// flowList parses "[a, b, c]", of plain scalars.
func flowList(text string, no, col int) (*yaml.Node, bool) {
	if text[len(text)-1] != ']' {
		return nil, false
	}
	s := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: no, Column: col}
	inner := text[1 : len(text)-1]
	if strings.TrimLeft(inner, " ") == "" {
		s.Content = []*yaml.Node{}
		return s, true
	}
	at := col + 1 // of inner
	for part := range strings.SplitSeq(inner, ",") {
		item := strings.Trim(part, " ")
		if item == "" {
			return nil, false
		}
		lead := len(part) - len(strings.TrimLeft(part, " "))
		n, ok := plain(item, no, at+lead, true)
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, n)
		at += utf8.RuneCountInString(part) + 1
	}
	return s, true
}

// resolve gives the tag the library gives the plain scalar v, for the
// scalars whose tag is plain to see: text (a file name such as
// 000_b1e7.txt too), true and false, null, integers written in decimal,
// dates and ranges of line numbers such as 1-30. It
// reports false for the rest (other numbers, merge keys), which the library
// resolves.
func resolve(v string) (string, bool) {
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "~", "null", "Null", "NULL":
		return "!!null", true
	}
	switch c := v[0]; {
	case c == '+' || c == '-' || c == '.' || c == '<':
		return "", false
	case c < '0' || c > '9':
		return "!!str", true
	}
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	// A number is written with digits, hex digits, base prefixes, signs,
	// points, exponents and _; a timestamp starts with a four-digit year.
	// Whatever has another character and no year is text.
	if len(v) < 5 || !digits(v[:4]) || v[4] != '-' {
		if strings.IndexFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789abcdefABCDEFxXoO_.+-", r) }) >= 0 {
			return "!!str", true
		}
	}
	if digits(v) {
		return "!!int", len(v) == 1 || v[0] != '0' && len(v) <= 18
	}
	a, b, ok := strings.Cut(v, "-")
	switch {
	case !ok || !digits(a):
		return "", false
	case digits(b):
		return "!!str", true // a range: not a date, which needs three parts
	}
	m, d, ok := strings.Cut(b, "-")
	if len(a) == 4 && ok && digits(m) && digits(d) && len(m) <= 2 && len(d) <= 2 {
		if _, err := time.Parse("2006-1-2", v); err == nil {
			return "!!timestamp", true
		}
	}
	return "", false
}
