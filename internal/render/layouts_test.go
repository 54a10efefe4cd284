package render

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// templatesFS is the dossier's layouts, with the given files replaced.
func templatesFS(t *testing.T, replace map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../../templates"), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	require.NoError(t, err)
	for p, s := range replace {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

// A layout's templates are made when a page of it is, but every layout's
// errors are found when the layouts are parsed: a broken layout fails the
// build whether or not a page of it is made.
func TestLayoutErrorsAreFoundBeforeAnyPageIsMade(t *testing.T) {
	for name, c := range map[string]struct {
		text, want string
		line       int
	}{
		"an unknown function": {"{{define \"main\"}}\n{{nofunc .Title}}{{end}}", `function "nofunc" not defined`, 2},
		"a syntax error":      {"{{define \"main\"}}\n\n{{if .Title}}{{end}", "bad character", 3},
	} {
		_, err := parseLayouts(templatesFS(t, map[string]string{"disputes.html": c.text}))
		var te *TemplateError
		require.ErrorAs(t, err, &te, name)
		assert.Equal(t, "disputes.html", te.File, name)
		assert.Equal(t, c.line, te.Line, name)
		assert.ErrorContains(t, te, c.want, name)
	}
}

func TestLayoutsAreMadeOnce(t *testing.T) {
	ls, err := parseLayouts(templatesFS(t, nil))
	require.NoError(t, err)
	for _, name := range templateNames {
		assert.Nil(t, ls.layouts[name].t, "%s: nothing is made before a page of it is", name)
	}
	a, err := ls.layout("actor")
	require.NoError(t, err)
	require.NotNil(t, a.t)
	assert.NotNil(t, a.t.Lookup("actor.html"))
	assert.NotNil(t, a.cached.t.Lookup("base.html"))
	again, err := ls.layout("actor")
	require.NoError(t, err)
	assert.Same(t, a.t, again.t)
	assert.Nil(t, ls.layouts["topic"].t, "another layout is not made with it")
	_, err = ls.layout("nosuch")
	assert.ErrorContains(t, err, "templates/nosuch.html: missing")
}
