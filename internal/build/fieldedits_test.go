package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/testtree"
)

// TestEveryFieldEditRebuildsLikeClean edits the project's own dossier one
// field at a time: every field of the front matter of the first page of
// each kind, and a sentence of its body; every field of content/dossier.yaml;
// every field of the first seeds' entries in seeds/sources.yaml. After each
// edit, a serve session told of the file and a build with the cache into
// another folder (in turn) must give the site a clean build gives. Edits the
// verifier refuses (a figure's value that is not in its source line, a claim
// left without citations) are skipped; at least half must build.
func TestEveryFieldEditRebuildsLikeClean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the dossier some 200 times")
	}
	tmp := testtree.MemoryDir(t) // a third of the time on disk
	root := filepath.Join(tmp, "project")
	for _, dir := range []string{"content", "seeds"} {
		testtree.Copy(t, filepath.Join("../..", dir), filepath.Join(root, dir))
	}
	edits := fieldEdits(t, root)
	require.Greater(t, len(edits), 50, "edits of the dossier's fields")

	session := NewSession(Options{Project: os.DirFS(root), Out: filepath.Join(root, "served"), CacheDir: filepath.Join(root, cache.Dir)})
	_, err := session.Build(context.Background(), nil)
	require.NoError(t, err)
	_, stderr, err := buildAt(root, filepath.Join(root, "built"), "")
	require.NoError(t, err, stderr)

	built, changed := 0, []string(nil)
	clean := filepath.Join(tmp, "clean")
	for _, e := range edits {
		p := filepath.Join(root, e.path)
		orig, err := os.ReadFile(p)
		require.NoError(t, err)
		lines := strings.Split(string(orig), "\n")
		lines[e.line] = e.text
		writeText(t, p, strings.Join(lines, "\n"))
		changed = append(changed, filepath.ToSlash(e.path))

		require.NoError(t, os.RemoveAll(clean))
		_, problems, err := buildWith(Options{Project: os.DirFS(root), Out: clean}, root)
		if err == nil {
			built++
			// The edits are checked by the session and by a build with
			// the cache in turn; each also rebuilds after the edit before.
			out := "served"
			if built%2 == 0 {
				_, err = session.Build(context.Background(), changed)
				require.NoError(t, err, "session after %s", e)
				changed = nil
			} else {
				out = "built"
				_, stderr, err := buildAt(root, filepath.Join(root, out), "")
				require.NoError(t, err, stderr)
			}
			want, got := testtree.Read(t, clean), testtree.Read(t, filepath.Join(root, out))
			require.Equal(t, len(want), len(got), "files of %s after %s", out, e)
			for f, b := range want {
				require.True(t, bytes.Equal(b, got[f]), "%s of %s differs from a clean build after %s", f, out, e)
			}
		} else {
			require.ErrorIs(t, err, ErrProblems, "%s: %s", e, problems)
		}
		writeText(t, p, string(orig))
		changed = append(changed, filepath.ToSlash(e.path)) // told at its next build
	}
	t.Logf("%d edits, %d built", len(edits), built)
	require.Greater(t, built, len(edits)/2, "edits that built")
}

// fieldEdit replaces line (0-based) of the project file path with text.
type fieldEdit struct {
	path string
	line int
	text string
}

func (e fieldEdit) String() string { return fmt.Sprintf("%s:%d → %q", e.path, e.line+1, e.text) }

var (
	fieldLine = regexp.MustCompile(`^(\s*(?:- )?)([a-z_]+): (.+)$`)
	isoDate   = regexp.MustCompile(`^\d{4}-\d{2}-(\d{2})$`)
	isoMonth  = regexp.MustCompile(`^\d{4}-(\d{2})$`)
	number    = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	bareWords = regexp.MustCompile(`^[A-Za-z][^:\[\]{}#"]*$`)
	listValue = regexp.MustCompile(`^\[(.+)\]$`)
)

// Fields whose values are names from a closed set or slugs of other pages:
// an edit would only be refused.
var closedFields = map[string]bool{"kind": true, "side": true, "precision": true, "relation": true, "unit": true,
	"theme": true, "country": true, "language": true, "claimed_by": true, "measure": true, "source": true,
	"status": true, "file": true, "lines": true, "slug": true, "qualifier": true}

// editValue returns another value of the same form as v: a date a day
// (or a month) later or earlier, a number plus one, a string with a word
// more, a list without its last item. A field of closedFields, and a null,
// keeps its value unless it is a date or a number.
func editValue(key, v string) (string, bool) {
	switch {
	case isoDate.MatchString(v):
		day, _ := strconv.Atoi(isoDate.FindStringSubmatch(v)[1])
		return fmt.Sprintf("%s%02d", v[:8], nudge(day, 28)), true
	case isoMonth.MatchString(v):
		month, _ := strconv.Atoi(isoMonth.FindStringSubmatch(v)[1])
		return fmt.Sprintf("%s%02d", v[:5], nudge(month, 12)), true
	case number.MatchString(v):
		if strings.Contains(v, ".") {
			f, _ := strconv.ParseFloat(v, 64)
			return strconv.FormatFloat(f+1, 'f', -1, 64), true
		}
		n, _ := strconv.Atoi(v)
		return strconv.Itoa(n + 1), true
	case v == "null" || closedFields[key]:
		return "", false
	case len(v) > 2 && v[0] == '"' && v[len(v)-1] == '"':
		return v[:len(v)-1] + ` Zed"`, true
	case listValue.MatchString(v):
		items := strings.Split(listValue.FindStringSubmatch(v)[1], ",")
		return "[" + strings.Join(items[:len(items)-1], ",") + "]", true
	case bareWords.MatchString(v):
		return v + " Zed", true
	}
	return "", false
}

// nudge returns n+1, or n-1 when n is last.
func nudge(n, last int) int {
	if n < last {
		return n + 1
	}
	return n - 1
}

// fieldEdits lists the edits TestEveryFieldEditRebuildsLikeClean makes.
func fieldEdits(t *testing.T, root string) []fieldEdit {
	t.Helper()
	files := []string{"content/dossier.yaml", "content/index.md", "content/about.md"}
	entries, err := os.ReadDir(filepath.Join(root, "content"))
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			pages, err := filepath.Glob(filepath.Join(root, "content", e.Name(), "*.md"))
			require.NoError(t, err)
			slices.Sort(pages)
			if len(pages) > 0 {
				rel, err := filepath.Rel(root, pages[0])
				require.NoError(t, err)
				files = append(files, rel)
			}
		}
	}
	var edits []fieldEdit
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		require.NoError(t, err)
		lines := strings.Split(string(b), "\n")
		inFront, body := strings.HasSuffix(f, ".yaml"), false
		for i, l := range lines {
			if l == "---" {
				body, inFront = inFront, !inFront
				continue
			}
			if body {
				// Not in a quotation, which must stay verbatim.
				if strings.Contains(l, " is ") && !strings.HasPrefix(l, "#") && !strings.ContainsAny(l, "\"“”") {
					edits = append(edits, fieldEdit{f, i, strings.Replace(l, " is ", " is, it seems, ", 1)})
					break
				}
				continue
			}
			if m := fieldLine.FindStringSubmatch(l); inFront && m != nil {
				if v, ok := editValue(m[2], m[3]); ok {
					edits = append(edits, fieldEdit{f, i, m[1] + m[2] + ": " + v})
				}
			}
		}
	}
	// The entries of the first seeds in sources.yaml.
	meta := filepath.Join("seeds", "sources.yaml")
	b, err := os.ReadFile(filepath.Join(root, meta))
	require.NoError(t, err)
	seeds := 0
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, `"`) {
			if seeds++; seeds > 2 {
				break
			}
		}
		if m := fieldLine.FindStringSubmatch(l); seeds > 0 && m != nil {
			if v, ok := editValue(m[2], m[3]); ok {
				edits = append(edits, fieldEdit{meta, i, m[1] + m[2] + ": " + v})
			}
		}
	}
	return edits
}
