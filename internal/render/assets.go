package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// requiredAssets are the files of the theme every page links to; a
// project's static/ may replace them, never remove them.
var requiredAssets = []string{"style.css", "dossier.js", "favicon.svg"}

// checkAssets reports a required asset missing from the assets folder.
func checkAssets(assets fs.FS) error {
	for _, a := range requiredAssets {
		if _, err := fs.Stat(assets, a); err != nil {
			return fmt.Errorf("static/%s: missing: every page links to it; restore it, or remove static/ to use the theme's", a)
		}
	}
	return nil
}

// copyAssets copies the theme's assets, with the project's over them.
func (r *renderer) copyAssets() error {
	return fs.WalkDir(r.in.Assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r.addFile(path.Join("assets", p), func() ([]byte, error) { return fs.ReadFile(r.in.Assets, p) })
		return nil
	})
}

// sidesCSS is the stylesheet of the sides' colours, made from
// content/dossier.yaml: swatches, chart bars and network nodes take their
// side's colour by class (the site's Content-Security-Policy forbids style
// attributes).
func (r *renderer) sidesCSS() []byte {
	var b bytes.Buffer
	b.WriteString("/* The sides' colours, written by dossier build from content/dossier.yaml. */\n")
	for _, s := range r.settings.Sides {
		c := strings.ToLower(s.Color)
		fmt.Fprintf(&b, ".side-%s { --side: %s; }\nsvg .side-%s { fill: %s; }\n.swatch.side-%s { background: %s; }\n", s.Slug, c, s.Slug, c, s.Slug, c)
	}
	b.WriteString("svg .side-none { fill: var(--muted); }\n")
	return b.Bytes()
}

type notFoundData struct{}

func (notFoundData) key(*hasher) {}

func (r *renderer) renderExtras() error {
	r.addFile(".nojekyll", func() ([]byte, error) { return []byte{}, nil })
	// The highlighting's styles are the program's own: its version, in
	// every key, is their key, and they are written only when it changes.
	r.addKeyed("assets/chroma.css", func(*hasher) {}, func() ([]byte, error) {
		var css bytes.Buffer
		err := ChromaCSS(&css)
		return css.Bytes(), err
	})
	r.addFile("assets/sides.css", func() ([]byte, error) { return r.sidesCSS(), nil })
	pg := &page{Path: "404.html", Title: "Page not found", Description: "This page does not exist.", Data: notFoundData{}}
	r.addPage("404", pg.Path, func() (*page, error) { return pg, nil })
	return nil
}
