package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/linkcheck"
	"github.com/dossier-project/dossier/internal/testtree"
)

// TestNewPrintsWhatItWroteAndRefusesAFolderInUse: new lists every file it
// wrote and the commands to run next; run again on the same folder it
// changes nothing and says why. (What the project holds, and that it and its
// -theme copy build, is tested in package scaffold.)
func TestNewPrintsWhatItWroteAndRefusesAFolderInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	stdout, stderr, err := runCmd("new", dir)
	require.NoError(t, err, stderr)
	assert.Empty(t, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	assert.Equal(t, "wrote a new dossier in "+dir+":", lines[0])
	for _, f := range []string{"content/dossier.yaml", "content/index.md", "content/about.md", "seeds/sources.yaml", ".gitignore", ".github/workflows/pages.yml"} {
		assert.Contains(t, lines, "  "+f, "new names the files it wrote")
	}
	assert.Contains(t, stdout, "next:\n  cd "+dir+"\n  dossier build ")
	assert.Contains(t, stdout, "\n  dossier serve ")

	before := testtree.Read(t, dir)
	_, stderr, err = runCmd("new", "-theme", dir)
	assert.ErrorIs(t, err, errReported, "a folder in use is refused (exit status 1)")
	assert.True(t, strings.HasPrefix(stderr, "dossier new: "+dir+" is not empty (it holds "), "the message names the folder: %s", stderr)
	assert.Equal(t, before, testtree.Read(t, dir), "nothing changed in the refused folder")

	_, _, err = runCmd("new")
	var ue usageError
	assert.ErrorAs(t, err, &ue, "new without a folder is a usage error")
	_, _, err = runCmd("new", "a", "b")
	assert.ErrorAs(t, err, &ue, "new with two folders is a usage error")
}

// TestNewThenBuildFromOutsideTheRepository runs the program as a user does:
// the binary alone, in a folder far from this repository, writes a dossier
// that builds with the embedded theme (no templates/ or static/) into a site
// with clean links; `new` refuses the folder afterwards with exit status 1;
// and `new -theme` writes a project that builds too.
func TestNewThenBuildFromOutsideTheRepository(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	run := func(dir string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run(work, "new", "demo")
	require.NoError(t, err, out)
	demo := filepath.Join(work, "demo")
	assert.NoDirExists(t, filepath.Join(demo, "templates"))
	assert.NoDirExists(t, filepath.Join(demo, "static"))
	out, err = run(demo, "build")
	require.NoError(t, err, out)
	assert.Contains(t, out, "built public: ")
	rep, err := linkcheck.Check(filepath.Join(demo, "public"))
	require.NoError(t, err)
	assert.Empty(t, rep.Problems, "links of the new dossier's site")
	assert.Greater(t, rep.Pages, 10)

	out, err = run(work, "new", "demo")
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "new on a folder in use: %s", out)
	assert.Equal(t, 1, exit.ExitCode(), out)
	assert.Contains(t, out, "demo is not empty")

	out, err = run(work, "new", "-theme", "themed")
	require.NoError(t, err, out)
	assert.Contains(t, out, "  static/style.css\n")
	themed := filepath.Join(work, "themed")
	assert.FileExists(t, filepath.Join(themed, "templates", "base.html"))
	out, err = run(themed, "build")
	require.NoError(t, err, out)
	rep, err = linkcheck.Check(filepath.Join(themed, "public"))
	require.NoError(t, err)
	assert.Empty(t, rep.Problems, "links of the site built from the theme's copy")
	_, err = os.Stat(filepath.Join(themed, ".dossier-cache"))
	assert.NoError(t, err, "the build kept its cache in the project, which .gitignore names")
}
