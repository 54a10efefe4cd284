package theme

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProjectFilesOverrideTheThemeFileByFile(t *testing.T) {
	project := fstest.MapFS{
		"static/style.css":        {Data: []byte("body{color:red}")},
		"static/extra.svg":        {Data: []byte("<svg/>")},
		"templates/actor.html":    {Data: []byte(`{{define "main"}}mine{{end}}`)},
		"templates/partials/x.md": {Data: []byte("a partial of the project's own")},
	}
	assets := Assets(project)
	b, err := fs.ReadFile(assets, "style.css")
	require.NoError(t, err)
	assert.Equal(t, "body{color:red}", string(b), "the project's style.css replaces the theme's")
	b, err = fs.ReadFile(assets, "dossier.js")
	require.NoError(t, err)
	assert.NotEmpty(t, b, "files the project lacks come from the theme")
	var names []string
	require.NoError(t, fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	}))
	assert.Contains(t, names, "extra.svg", "the project's own files are added")
	assert.Contains(t, names, "favicon.svg")
	assert.NotContains(t, names, "static.go", "the theme's Go file is not an asset")

	layouts := Layouts(project)
	b, err = fs.ReadFile(layouts, "actor.html")
	require.NoError(t, err)
	assert.Equal(t, `{{define "main"}}mine{{end}}`, string(b))
	_, err = fs.ReadFile(layouts, "base.html")
	assert.NoError(t, err, "layouts the project lacks come from the theme")
	matches, err := fs.Glob(layouts, "partials/*.html")
	require.NoError(t, err)
	assert.Contains(t, matches, "partials/links.html")
}

func TestThemeAloneWithoutProjectFolders(t *testing.T) {
	layouts := Layouts(fstest.MapFS{"content/index.md": {Data: []byte("x")}})
	_, err := fs.ReadFile(layouts, "base.html")
	assert.NoError(t, err)
	_, err = fs.ReadFile(layouts, "templates.go")
	assert.ErrorIs(t, err, fs.ErrNotExist)
}
