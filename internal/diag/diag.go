// Package diag holds the problems every pipeline stage reports to users.
//
// A Problem names a file (relative to the project root), a line where one
// exists, and what is wrong. Stages return problems as values; only the
// command line decides whether they stop the build.
package diag

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error problems make `dossier build` refuse to publish and `dossier check` exit 1.
	Error Severity = iota
	// Warning problems are printed but do not stop the build.
	Warning
)

// Problem is one thing wrong with the input, located as precisely as the stage can.
type Problem struct {
	File     string // path relative to the project root, e.g. "content/actors/x.md"
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Message  string
	Severity Severity
}

// String formats the problem as file:line: message, the form editors can jump to.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Errorf returns an error-severity problem.
func Errorf(file string, line int, format string, args ...any) Problem {
	return Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Severity: Error}
}

// Warnf returns a warning-severity problem.
func Warnf(file string, line int, format string, args ...any) Problem {
	return Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Severity: Warning}
}

// List collects problems from several stages.
type List []Problem

// Add appends problems.
func (l *List) Add(ps ...Problem) { *l = append(*l, ps...) }

// Errors counts the problems that stop the build.
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Sort orders problems by file, then line, then message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

var (
	yamlLine = regexp.MustCompile(`line (\d+): `)
	// yamlParserError matches the messages of go.yaml.in/yaml/v3's parser
	// (as opposed to its scanner), whose line numbers count from 0.
	yamlParserError = regexp.MustCompile(`^(?:did not find expected|found undefined tag handle|found duplicate %|found incompatible YAML document)`)
)

// YAML turns a YAML decoding error ("yaml: line 4: …", possibly several
// lines of "unmarshal errors") into a problem at that line of file, its
// message prefixed with what was being read ("front matter: "). The decoder's
// wording is made plain: a value of the wrong type says what was expected,
// and an unknown key lists the keys of the struct it was decoded into, when
// that struct is among types.
func YAML(file, what string, err error, types ...any) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
		if yamlParserError.MatchString(msg) {
			line++
		}
	}
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	msg = yamlTypeValue.ReplaceAllStringFunc(msg, func(m string) string {
		sm := yamlTypeValue.FindStringSubmatch(m)
		return fmt.Sprintf("%s is not %s", sm[2], expected(sm[3]))
	})
	msg = yamlTypeNode.ReplaceAllStringFunc(msg, func(m string) string {
		sm := yamlTypeNode.FindStringSubmatch(m)
		return fmt.Sprintf("found %s where %s belongs", yamlKinds[sm[1]], expected(sm[2]))
	})
	msg = yamlUnknown.ReplaceAllStringFunc(msg, func(m string) string {
		sm := yamlUnknown.FindStringSubmatch(m)
		for _, t := range types {
			if rt := reflect.Indirect(reflect.ValueOf(t)).Type(); rt.String() == sm[2] {
				return fmt.Sprintf("unknown key %q; use one of %s", sm[1], strings.Join(Keys(t), ", "))
			}
		}
		return fmt.Sprintf("unknown key %q", sm[1])
	})
	return Errorf(file, line, "%s%s", what, msg)
}

var (
	yamlTypeValue = regexp.MustCompile("cannot unmarshal !!(\\w+) (`[^`]*`) into ([\\w.\\[\\]*]+)")
	yamlTypeNode  = regexp.MustCompile(`cannot unmarshal !!(\w+) into ([\w.\[\]*]+)`)
	yamlUnknown   = regexp.MustCompile(`field (\S+) not found in type ([\w.*]+)`)
	yamlKinds     = map[string]string{"map": "a mapping (key: value lines)", "seq": "a list", "str": "text", "int": "a number", "float": "a number", "bool": "true or false"}
)

// expected describes a Go type the way a curator writes its YAML.
func expected(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list such as [a, b]"
	case strings.HasPrefix(goType, "map["):
		return "a mapping (key: value lines)"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "a single piece of text"
	}
	return "a " + goType
}

// Keys lists the YAML keys of a struct (or pointer to one) in field order,
// including those of embedded structs, for messages about unknown keys.
func Keys(v any) []string {
	var keys []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case tag == "-" || !f.IsExported():
			case strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct:
				walk(f.Type)
			case tag != "":
				keys = append(keys, tag)
			default:
				keys = append(keys, strings.ToLower(f.Name))
			}
		}
	}
	if t := reflect.Indirect(reflect.ValueOf(v)).Type(); t.Kind() == reflect.Struct {
		walk(t)
	}
	return keys
}
