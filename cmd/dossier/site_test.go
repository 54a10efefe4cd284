package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/testtree"
)

// project returns a temporary project: the fixture site plus the real
// templates and static assets.
func testProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testtree.Copy(t, "../../internal/build/testdata/site", dir)
	testtree.Copy(t, "../../templates", filepath.Join(dir, "templates"))
	testtree.Copy(t, "../../static", filepath.Join(dir, "static"))
	return dir
}

// runCmd runs the command line and returns stdout, stderr and the error.
func runCmd(args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestCheckReportsEveryProblem(t *testing.T) {
	dir := testProject(t)
	edit := func(p, old, new string) {
		full := filepath.Join(dir, p)
		b, err := os.ReadFile(full)
		require.NoError(t, err)
		require.Contains(t, string(b), old)
		require.NoError(t, os.WriteFile(full, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
	}
	edit("content/actors/khawaja-asif.md", `"would continue"`, `"will surely continue"`)
	edit("content/figures/soldiers-killed-per-army.md", "value: 23", "value: 24")
	edit("content/timeline/2025-10-12-border-clashes.md", "zabihullah-mujahid]", "nobody]")
	edit("content/topics/border-clashes.md", "[[soldiers-killed-per-army]]", "[[no-such-page]]")
	edit("content/about.md", "title: About", "titel: About")
	edit("content/actors/pakistan-army.md", "[@000:4]", "")

	_, stderr, err := runCmd("check", "-root", dir)
	require.Error(t, err)
	for _, want := range []string{
		`content/actors/khawaja-asif.md:8: quotation "will surely continue" is not verbatim in the cited lines 000:8`,
		`content/figures/soldiers-killed-per-army.md:1: figure value 24 does not appear in its source line 000:4`,
		`content/timeline/2025-10-12-border-clashes.md:1: front matter: actors: no page has the slug "nobody"`,
		`content/topics/border-clashes.md:6: [[no-such-page]]: no page has the slug, name, alias or title "no-such-page"`,
		`content/about.md:2: front matter: unknown key "titel"; use one of title, description, facts, draft`,
		`content/actors/pakistan-army.md:8: paragraph cites no source`,
		"6 errors, 0 warnings",
	} {
		assert.Contains(t, stderr, want)
	}
}

func read(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p))
	require.NoError(t, err)
	return string(b)
}
