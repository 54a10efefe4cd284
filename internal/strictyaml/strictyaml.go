// Package strictyaml decodes curated YAML — front matter, seeds/sources.yaml,
// content/dossier.yaml — into Go values strictly, reporting every problem at
// the line where it stands: an unknown key, a repeated key, a value of the
// wrong kind. Lines come from the parsed yaml.Node tree, not from the
// decoder's messages; only a syntax error, for which the YAML library gives
// no position but its message, is located by reading that message.
//
// Targets are structs (fields named by their `yaml` tag, `,inline` embedded
// structs included), maps from string, slices, pointers, strings, numbers,
// booleans and types that implement yaml.Unmarshaler (which decode
// themselves; their error message is reported at their node's line).
package strictyaml

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/diag"
)

// Decoded is what Decode learnt besides the value: the file line of each
// top-level key, for messages about a value that decoded but is not allowed.
type Decoded struct {
	Lines map[string]int
}

// Line returns the file line of the top-level key, or otherwise when the
// key is absent.
func (d Decoded) Line(key string, otherwise int) int {
	if n, ok := d.Lines[key]; ok {
		return n
	}
	return otherwise
}

// Decode decodes the YAML document data, which starts on line first of
// file, into v (a non-nil pointer). Every problem is an error at its file
// line, its message prefixed with prefix ("front matter: "). v holds what
// could be decoded.
func Decode(file string, first int, data []byte, v any, prefix string) (Decoded, diag.List) {
	root, err := Parse(data)
	if err != nil {
		d := &decoder{file: file, offset: first - 1, prefix: prefix}
		return Decoded{Lines: map[string]int{}}, diag.List{d.syntax(err)}
	}
	return DecodeTree(file, first, root, v, prefix)
}

// DecodeTree is Decode for a document already parsed into root (by Parse,
// without error), for a caller that looks at the tree first.
func DecodeTree(file string, first int, root *yaml.Node, v any, prefix string) (Decoded, diag.List) {
	d := &decoder{file: file, offset: first - 1, prefix: prefix}
	dec := Decoded{Lines: map[string]int{}}
	if len(root.Content) == 0 {
		return dec, nil
	}
	doc := root.Content[0]
	if doc.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(doc.Content); i += 2 {
			dec.Lines[doc.Content[i].Value] = d.line(doc.Content[i])
		}
	}
	d.value(doc, reflect.ValueOf(v).Elem(), "")
	return dec, d.problems
}

type decoder struct {
	file     string
	offset   int
	prefix   string
	problems diag.List
}

func (d *decoder) line(n *yaml.Node) int { return n.Line + d.offset }

func (d *decoder) fail(n *yaml.Node, format string, args ...any) {
	d.problems.Add(diag.Errorf(d.file, d.line(n), "%s%s", d.prefix, fmt.Sprintf(format, args...)))
}

var (
	unmarshaler = reflect.TypeFor[yaml.Unmarshaler]()
	stringType  = reflect.TypeFor[string]()
)

// decodeSelf is n.Decode(u) for a type that decodes itself, calling it as
// the YAML library does, without making a decoder for each value: not for
// a null, which the library does not give it, and with its errors as
// Node.Decode returns them.
func decodeSelf(n *yaml.Node, u yaml.Unmarshaler) error {
	if n.Kind != yaml.ScalarNode && n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode || n.ShortTag() == "!!null" {
		return n.Decode(u)
	}
	err := u.UnmarshalYAML(n)
	if te, ok := err.(*yaml.TypeError); ok {
		return &yaml.TypeError{Errors: te.Errors}
	}
	return err
}

// value decodes n into v, which must be settable; key is the key it is the
// value of, or "".
func (d *decoder) value(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshaler) {
		if err := decodeSelf(n, v.Addr().Interface().(yaml.Unmarshaler)); err != nil {
			// A type that decodes itself names the value, not the key:
			// say which key, unless its message already does.
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			if key != "" && !strings.HasPrefix(msg, key) {
				msg = key + ": " + msg
			}
			d.fail(n, "%s", msg)
		}
		return
	}
	if isNull(n) {
		v.SetZero()
		return
	}
	if v.Type() == stringType && n.Kind == yaml.ScalarNode {
		// What the YAML library sets a string to, without a decoder of
		// its own for each value: the text as written, unless it is a
		// null (the string is left as it is) or base64 (!!binary).
		if t := n.ShortTag(); t != "!!null" && t != "!!binary" {
			v.SetString(n.Value)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), key)
		v.Set(p)
	case reflect.Struct:
		d.structure(n, v)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.fail(n, "found %s where %s belongs", kindOf(n), expected(v.Type()))
			return
		}
		m := reflect.MakeMap(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				d.fail(k, "key %q appears twice", k.Value)
				continue
			}
			seen[k.Value] = true
			key := reflect.New(v.Type().Key()).Elem()
			if key.Kind() != reflect.String {
				d.fail(k, "keys must be text")
				continue
			}
			key.SetString(k.Value)
			elem := reflect.New(v.Type().Elem()).Elem()
			d.value(val, elem, "")
			m.SetMapIndex(key, elem)
		}
		v.Set(m)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, "found %s where %s belongs", kindOf(n), expected(v.Type()))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), key)
		}
		v.Set(s)
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, "found %s where %s belongs", kindOf(n), expected(v.Type()))
			return
		}
		p := reflect.New(v.Type())
		if err := n.Decode(p.Interface()); err != nil {
			d.fail(n, "`%s` is not %s", clip(n.Value), expected(v.Type()))
			return
		}
		v.Set(p.Elem())
	case reflect.Interface:
		p := reflect.New(v.Type())
		if err := n.Decode(p.Interface()); err != nil {
			d.fail(n, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
			return
		}
		v.Set(p.Elem())
	default:
		d.fail(n, "cannot decode into %s", v.Type())
	}
}

// structure decodes a mapping into the fields of a struct.
func (d *decoder) structure(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "found %s where %s belongs", kindOf(n), "a mapping (key: value lines)")
		return
	}
	fields := fieldIndex(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		index, ok := fields[k.Value]
		switch {
		case !ok:
			d.fail(k, "unknown key %q; use one of %s", k.Value, strings.Join(Keys(v.Interface()), ", "))
			continue
		case seen[k.Value]:
			d.fail(k, "key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		d.value(val, v.FieldByIndex(index), k.Value)
	}
}

// fieldIndexes holds fieldIndex's maps by struct type.
var fieldIndexes sync.Map

// fieldIndex maps the YAML keys of the struct type t, including those of
// embedded structs marked ",inline", to their fields' index paths: made
// once per type, as every curated page's front matter is decoded into one
// of a few types.
func fieldIndex(t reflect.Type) map[string][]int {
	if m, ok := fieldIndexes.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	yamlFields(t, nil, func(key string, index []int) { m[key] = index })
	fieldIndexes.Store(t, m)
	return m
}

// Keys lists the YAML keys of a struct (or pointer to one) in field order,
// including those of inline embedded structs, for messages about unknown keys.
func Keys(v any) []string {
	var keys []string
	if t := reflect.Indirect(reflect.ValueOf(v)).Type(); t.Kind() == reflect.Struct {
		yamlFields(t, nil, func(key string, _ []int) { keys = append(keys, key) })
	}
	return keys
}

// yamlFields calls visit with the YAML key and index path of each exported
// field of the struct type t, in field order, descending into embedded
// structs marked ",inline": the tag's name, or the field's name in lower
// case; fields tagged "-" have none.
func yamlFields(t reflect.Type, index []int, visit func(key string, index []int)) {
	for i := range t.NumField() {
		f := t.Field(i)
		at := append(slices.Clip(index), i)
		tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case tag == "-" || !f.IsExported():
		case strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct:
			yamlFields(f.Type, at, visit)
		case tag != "":
			visit(tag, at)
		default:
			visit(strings.ToLower(f.Name), at)
		}
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Tag == "" && n.Value == "")
}

// clip shortens a value quoted in a message, as the YAML library does.
func clip(s string) string {
	if len(s) > 10 {
		return s[:7] + "..."
	}
	return s
}

// kindOf describes what a node holds, the way a curator writes it.
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	}
	return "text"
}

// expected describes a Go type the way a curator writes its YAML.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list such as [a, b]"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value lines)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a single piece of text"
	case reflect.Pointer:
		return expected(t.Elem())
	}
	return "a " + t.String()
}

var (
	syntaxLine = regexp.MustCompile(`^yaml: line (\d+): `)
	// parserError matches the messages of the YAML parser (as opposed to its
	// scanner), whose line numbers count from 0.
	parserError = regexp.MustCompile(`^(?:did not find expected|found undefined tag handle|found duplicate %|found incompatible YAML document)`)
)

// syntax locates a YAML syntax error. The library reports these only in
// its message, "yaml: line N: …".
func (d *decoder) syntax(err error) diag.Problem {
	msg := err.Error()
	line := 0
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if parserError.MatchString(msg) {
			line++
		}
		line += d.offset
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msg = strings.Join(te.Errors, "; ")
	}
	return diag.Errorf(d.file, line, "%s%s", d.prefix, msg)
}
