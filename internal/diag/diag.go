// Package diag holds the problems every pipeline stage reports to users.
//
// A Problem names a file (relative to the project root), a line where one
// exists, and what is wrong. Stages return problems as values; only the
// command line decides whether they stop the build.
package diag

import (
	"fmt"
	"sort"
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
