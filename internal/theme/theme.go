// Package theme gives a project its layouts and assets: the default theme
// compiled into the binary (packages templates and static) with the
// project's own templates/ and static/ laid over it file by file. A file of
// the project wins over the theme's file of the same relative name;
// everything else comes from the theme, so a project with neither folder
// builds with the theme alone.
package theme

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/dossier-project/dossier/static"
	"github.com/dossier-project/dossier/templates"
)

// Layouts returns the project's layouts over the theme's.
func Layouts(project fs.FS) fs.FS { return overlay(project, "templates", templates.FS) }

// Assets returns the project's assets over the theme's.
func Assets(project fs.FS) fs.FS { return overlay(project, "static", static.FS) }

// Default is the theme alone: its layouts and its assets, as a project's
// templates/ and static/ would hold them (dossier new -theme copies them).
func Default() (layouts, assets fs.FS) {
	return overlay(nil, "templates", templates.FS), overlay(nil, "static", static.FS)
}

func overlay(project fs.FS, dir string, base fs.FS) fs.FS {
	o := &overlayFS{base: base}
	if project != nil {
		if sub, err := fs.Sub(project, dir); err == nil {
			if info, err := fs.Stat(project, dir); err == nil && info.IsDir() {
				o.top = sub
			}
		}
	}
	return o
}

// overlayFS serves a file from top when top has it, else from base. A
// folder lists the entries of both. Go source files (the theme's embed
// declarations) are not part of a theme.
type overlayFS struct {
	top, base fs.FS // top may be nil
}

func hidden(name string) bool { return strings.HasSuffix(name, ".go") }

func (o *overlayFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if o.top != nil {
		if info, err := fs.Stat(o.top, name); err == nil && !info.IsDir() {
			return o.top.Open(name)
		}
	}
	if name == "." {
		return &dirFile{o: o, name: name}, nil
	}
	if info, err := o.Stat(name); err == nil && info.IsDir() {
		return &dirFile{o: o, name: name}, nil
	}
	return o.base.Open(name)
}

func (o *overlayFS) Stat(name string) (fs.FileInfo, error) {
	if hidden(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	if o.top != nil {
		if info, err := fs.Stat(o.top, name); err == nil {
			return info, nil
		}
	}
	return fs.Stat(o.base, name)
}

func (o *overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, layer := range []fs.FS{o.top, o.base} {
		if layer == nil {
			continue
		}
		es, err := fs.ReadDir(layer, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] && !hidden(e.Name()) {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// dirFile is a folder of the overlay opened with Open.
type dirFile struct {
	o    *overlayFS
	name string
	rest []fs.DirEntry
	read bool
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return dirInfo(path.Base(d.name)), nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *dirFile) Close() error { return nil }

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		es, err := d.o.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.rest, d.read = es, true
	}
	if n <= 0 {
		es := d.rest
		d.rest = nil
		return es, nil
	}
	if len(d.rest) == 0 {
		return nil, errEOF
	}
	k := min(n, len(d.rest))
	es := d.rest[:k]
	d.rest = d.rest[k:]
	return es, nil
}

var errEOF = io.EOF

type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
