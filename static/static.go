// Package static is the default theme's assets (CSS, script, icon),
// compiled into the dossier binary and copied into every site's assets/; a
// project's own static/ folder overrides them file by file (see package
// theme).
package static

import "embed"

// FS holds the assets. This Go file is embedded too; package theme leaves
// it out of the site.
//
//go:embed *
var FS embed.FS
