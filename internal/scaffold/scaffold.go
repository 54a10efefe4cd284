// Package scaffold writes the project of a new dossier: the smallest dossier
// that builds at once with the theme compiled into the program, for a
// curator to rewrite. The files are those under project/ in this folder,
// embedded in the binary:
//
//	content/dossier.yaml         the settings: title, description, two example sides, the
//	                             other keys commented out
//	content/index.md, about.md   the briefing and the method, in the reader's voice; the
//	                             curator's guide to the format is in their front-matter comments
//	content/actors/, timeline/   one actor and one event, citing the example source
//	seeds/000_<hash>.txt         one invented example article
//	seeds/sources.yaml           its entry: title, publisher, date
//	.gitignore                   public/, .dossier-cache/, .public.publish/
//	.github/workflows/pages.yml  builds the site and deploys it to GitHub Pages
//
// Write copies them into a new or empty folder and, when asked, the theme's
// layouts and assets into templates/ and static/ for restyling.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-project/dossier/internal/renameio"
	"github.com/dossier-project/dossier/internal/theme"
)

//go:embed all:project
var files embed.FS

// Options say how to write a new dossier.
type Options struct {
	// Version is the module version of the program writing the project,
	// such as "v1.2.0". The Pages workflow runs that release; for anything
	// else (a development build) it runs the latest release.
	Version string
	// Theme also copies the theme's layouts and assets into templates/ and
	// static/, where the project's own copies override the theme's.
	Theme bool
}

// workflow is the Pages workflow, whose dossier version Write fills in.
const workflow = ".github/workflows/pages.yml"

// latest is how the workflow names the program it runs.
const latest = "github.com/dossier-project/dossier/cmd/dossier@latest"

// release is a version of a tagged release: one `go run …@v` can fetch.
var release = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

// Write writes a new dossier into dir, creating the folder when it is
// missing and refusing one that holds anything. It returns the files it
// wrote, relative to dir with slashes, sorted. Files it wrote stay when a
// later one fails, and the error says so.
func Write(dir string, o Options) ([]string, error) {
	if err := emptyFolder(dir); err != nil {
		return nil, err
	}
	project, err := fs.Sub(files, "project")
	if err != nil {
		return nil, err
	}
	// the trees to write, each into its folder of the project
	type tree struct {
		to  string
		src fs.FS
	}
	parts := []tree{{".", project}}
	if o.Theme {
		layouts, assets := theme.Default()
		parts = append(parts, tree{"templates", layouts}, tree{"static", assets})
	}
	var written []string
	for _, part := range parts {
		err = fs.WalkDir(part.src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(part.src, p)
			if err != nil {
				return err
			}
			name := path.Join(part.to, p)
			if name == workflow && release.MatchString(o.Version) {
				b = []byte(strings.ReplaceAll(string(b), latest, strings.TrimSuffix(latest, "latest")+o.Version))
			}
			if err := writeNew(filepath.Join(dir, filepath.FromSlash(name)), b); err != nil {
				return err
			}
			written = append(written, name)
			return nil
		})
		if err != nil {
			break
		}
	}
	slices.Sort(written)
	if err != nil {
		return written, fmt.Errorf("writing the new dossier in %s: %w (%d files were written before this)", dir, err, len(written))
	}
	return written, nil
}

// emptyFolder makes sure dir is a folder with nothing in it, creating it
// when it is missing.
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return fmt.Errorf("%s is a file, not a folder: name a new folder for the dossier", dir)
		}
		return err
	case len(entries) > 0:
		var names []string
		for _, e := range entries[:min(3, len(entries))] {
			names = append(names, e.Name())
		}
		if len(entries) > 3 {
			names = append(names, "…")
		}
		return fmt.Errorf("%s is not empty (it holds %s): a new dossier goes into a new or empty folder; name another one", dir, strings.Join(names, ", "))
	}
	return nil
}

// writeNew writes a file that must not exist yet, making its folder.
func writeNew(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return renameio.CreateNew(name, b)
}
