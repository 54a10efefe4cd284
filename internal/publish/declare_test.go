package publish

import (
	"crypto/sha256"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeclareChecksEveryPath(t *testing.T) {
	cases := map[string]struct {
		paths []string
		want  string
	}{
		"an escaping path":                {[]string{"a.html", "../evil.html"}, "outside the site folder"},
		"an unclean path":                 {[]string{"a//b"}, "outside the site folder"},
		"a path twice":                    {[]string{"b", "a", "b"}, "b is given twice"},
		"a file where a folder is":        {[]string{"a", "a/b"}, "a is both a file and a folder"},
		"a file and a deeper folder":      {[]string{"x/y", "x/y/z/w.html"}, "x/y is both a file and a folder"},
		"names sorted between the two":    {[]string{"a", "a-b", "a.c", "a/c"}, "a is both a file and a folder"},
		"a file and a folder, unsorted":   {[]string{"p/q.html", "z", "p"}, "p is both a file and a folder"},
		"a folder's name as a file's too": {[]string{"ab", "a/b"}, ""},
	}
	for name, c := range cases {
		tx, err := Open(filepath.Join(t.TempDir(), "public"), Options{})
		require.NoError(t, err)
		err = tx.Declare(c.paths)
		if c.want == "" {
			assert.NoError(t, err, name)
		} else {
			assert.ErrorContains(t, err, c.want, name)
		}
		tx.Abort()
	}
}

func TestDeclaredFilesAreGivenOnce(t *testing.T) {
	pb := newPublisher(t)
	site := smallSite(2, 0)
	pb.publish(t, site)

	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	paths := sortedKeys(site)
	require.NoError(t, tx.Declare(append(paths, "more/new.html")))
	assert.ErrorContains(t, tx.Declare(paths), "Declare comes after")
	assert.ErrorContains(t, put(tx, "undeclared.html", []byte("x")), "undeclared.html was not declared")
	_, err = tx.Keep("undeclared.html", sha256.Sum256(nil))
	assert.ErrorContains(t, err, "was not declared")
	_, err = tx.Create("undeclared.html")
	assert.ErrorContains(t, err, "was not declared")

	kept, err := tx.Keep("index.html", sha256.Sum256([]byte("other bytes")))
	require.NoError(t, err)
	assert.False(t, kept, "a sum the live file does not have")
	require.NoError(t, put(tx, "index.html", []byte("new home")), "a file Keep refused can be put")
	assert.ErrorContains(t, put(tx, "index.html", []byte("x")), "given twice")
	w, err := tx.Create("more/new.html")
	require.NoError(t, err)
	w.Discard() // given up: not in the new site, nor its folder
	for _, p := range paths[1:] {
		kept, err := tx.Keep(p, sha256.Sum256(site[p]))
		require.NoError(t, err)
		assert.True(t, kept, p)
	}
	require.Equal(t, "index.html", paths[0])
	st, err := tx.Commit()
	require.NoError(t, err)
	assert.Equal(t, len(site), st.Files, "the files given, not those declared")
	site["index.html"] = []byte("new home")
	assert.Equal(t, strs(site), snapshot(t, pb.dir))
	assert.ErrorContains(t, put(tx, "index.html", nil), "after the site was committed")
}

func TestCompareSlash(t *testing.T) {
	for _, q := range []string{"", "a", "a-", "a.b", "a/", "a/b", "a0", "ab", "b", "a//", "A"} {
		for _, d := range []string{"a", "ab", "a/b", ""} {
			assert.Equal(t, strings.Compare(q, d+"/"), compareSlash(q, d), "%q against %q/", q, d)
		}
	}
}
