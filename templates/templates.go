// Package templates is the default theme's layouts (html/template), compiled
// into the dossier binary so that it builds any project; a project's own
// templates/ folder overrides them file by file (see package theme).
package templates

import "embed"

// FS holds the layouts: base.html, one file per page type, and partials/.
//
//go:embed *.html partials/*.html
var FS embed.FS
