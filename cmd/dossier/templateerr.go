package main

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
)

// Errors from html/template name a layout by its base name and carry the
// line in their text: "template: actor.html:5: …",
// "html/template:actor.html:5:12: …", and for execution
// "templates: actor.html for actors/x/index.html: template: actor.html:5:6: …".
var (
	templateAt      = regexp.MustCompile(`(?:html/)?template: ?([^\s:]+\.html):(\d+)(?::\d+)?: (.*)$`)
	templatePage    = regexp.MustCompile(`^templates: [^\s:]+\.html for ([^\s:]+): `)
	templateMissing = regexp.MustCompile("pattern matches no files: `([^`]+)`")
)

// renderProblem turns an error of the render stage into a line of the
// file:line: message form the other problems use, saying what to do. Errors
// that do not come from a template are returned as they are.
func renderProblem(fsys fs.FS, err error) string {
	msg := err.Error()
	if m := templateMissing.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("templates/%s: missing: every page type needs its layout in templates/ (restore the file from the dossier's repository)", m[1])
	}
	m := templateAt.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	file := templateFile(fsys, m[1])
	what := m[3]
	if p := templatePage.FindStringSubmatch(msg); p != nil {
		what += " (while rendering " + p[1] + ")"
	}
	return fmt.Sprintf("%s:%s: template error: %s; fix the template", file, m[2], what)
}

// templateFile finds the layout a base name refers to: templates are parsed
// from templates/ and templates/partials/.
func templateFile(fsys fs.FS, name string) string {
	for _, dir := range []string{"templates", "templates/partials"} {
		if _, err := fs.Stat(fsys, path.Join(dir, name)); err == nil {
			return path.Join(dir, name)
		}
	}
	return path.Join("templates", name)
}
