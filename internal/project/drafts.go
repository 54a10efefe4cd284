package project

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/renameio"
)

// WriteDrafts writes the draft pages into the project at root. A page whose
// file exists is never changed: it is returned in existing. check is called
// once the drafts are written; when it fails they are all removed again.
func WriteDrafts(root string, drafts []inbox.Draft, check func() error) (written []inbox.Draft, existing []string, err error) {
	var paths []string
	defer func() {
		if err != nil {
			for _, p := range paths {
				os.Remove(p)
			}
			written = nil
		}
	}()
	for _, d := range drafts {
		p := filepath.Join(root, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, nil, err
		}
		err := renameio.CreateNew(p, d.Data)
		if errors.Is(err, os.ErrExist) {
			existing = append(existing, d.Path)
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		paths = append(paths, p)
		written = append(written, d)
	}
	if err := check(); err != nil {
		return nil, nil, err
	}
	return written, existing, nil
}
