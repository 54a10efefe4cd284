// Package version tells which release of dossier is running, from the build
// information the Go toolchain records in every binary.
package version

import "runtime/debug"

// Module is the module version the binary was built from: a release tag
// such as v1.2.0 for `go install …@v1.2.0`, "(devel)" for a build from a
// checkout, "" when the binary records none.
func Module() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.Main.Version
	}
	return ""
}

// String describes the binary for `dossier version`: the module version or,
// for a development build, the commit it was built at (marked "(modified)"
// when the tree had uncommitted changes), then the Go version.
func String() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && (v == "" || v == "(devel)"):
			v = "(devel) " + s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			v += " (modified)"
		}
	}
	return v + " " + bi.GoVersion
}
