package build

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
)

// A build whose inputs are exactly those of the last build into the same
// output folder has nothing to make: the same program, options and input
// files give the same site. After each successful build a sealed record
// beside the manifest (site-<hash>.last) names the inputs by their
// fingerprint (snapshot.fingerprint), the manifest it wrote by its SHA-256,
// and what the build reported. A build with the same fingerprint checks
// that every file of that manifest is still in the output folder as it was
// written (publish.Tx.Live: same identity, known bytes) and then reports the
// recorded result without loading anything. Any difference, or a record
// that cannot be read, and the build runs as usual.

const lastFormat = "dossier-last-1"

// lastBuild is the record of the last successful build.
type lastBuild struct {
	Inputs, Manifest                         [32]byte
	Problems                                 diag.List
	Stats                                    render.Stats
	Files                                    int
	Sources, Actors, Events, Figures, Topics int
	Content, Cited                           int
}

func (b *builder) lastFile() string {
	return strings.TrimSuffix(cache.File(b.o.CacheDir, b.o.Out), ".manifest") + ".last"
}

func (b *builder) fingerprint() [32]byte { return b.snap.fingerprint(b.version, b.o.BaseURL) }

// unchanged returns the result of the last build when nothing it was made
// from changed and its output is intact.
func (b *builder) unchanged(ctx context.Context) (*Result, bool) {
	if b.o.CacheDir == "" {
		return nil, false
	}
	data, err := os.ReadFile(b.lastFile())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	var last lastBuild
	if err == nil {
		data, err = cache.Unseal(data, lastFormat)
	}
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(data)).Decode(&last)
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %s: unreadable (%v); ignoring it", b.lastFile(), err))
		return nil, false
	}
	if last.Inputs != b.fingerprint() {
		return nil, false
	}
	m, err := cache.Load(cache.File(b.o.CacheDir, b.o.Out))
	if err != nil || m.Sum() != last.Manifest || m.Len() != last.Files {
		return nil, false
	}
	tx, err := publish.Open(b.o.Out, publish.Options{State: b.statePath()})
	if err != nil {
		return nil, false // the build proper says what is wrong
	}
	defer tx.Abort()
	type file struct {
		path string
		sum  [32]byte
	}
	files := make([]file, 0, last.Files)
	m.All(func(p string, e cache.Entry) bool {
		files = append(files, file{p, e.Sum})
		return true
	})
	b.stage("comparing", len(files))
	var differ atomic.Bool
	err = b.each(ctx, len(files), func(i int) error {
		if differ.Load() {
			return nil
		}
		if sum, ok := tx.Live(files[i].path); !ok || sum != files[i].sum {
			differ.Store(true)
		}
		return nil
	})
	if err != nil || differ.Load() {
		return nil, false
	}
	res := &Result{Problems: last.Problems, Stats: last.Stats, Files: last.Files, Kept: last.Files, KeptPages: last.Stats.Pages,
		Sources: last.Sources, Actors: last.Actors, Events: last.Events, Figures: last.Figures, Topics: last.Topics}
	res.Coverage.Content, res.Coverage.Cited = last.Content, last.Cited
	res.Warnings = b.warnings
	return res, true
}

// record writes the record of a successful build; failing to is a warning
// (the next build with the same inputs then runs in full).
func (b *builder) record(res *Result) {
	if b.o.CacheDir == "" || b.manifestSum == ([32]byte{}) {
		return
	}
	last := lastBuild{Inputs: b.fingerprint(), Manifest: b.manifestSum, Problems: res.Problems, Stats: res.Stats, Files: res.Files,
		Sources: res.Sources, Actors: res.Actors, Events: res.Events, Figures: res.Figures, Topics: res.Topics,
		Content: res.Coverage.Content, Cited: res.Coverage.Cited}
	var body bytes.Buffer
	err := gob.NewEncoder(&body).Encode(last)
	if err == nil {
		err = cache.WriteSealed(b.lastFile(), lastFormat, body.Bytes())
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %w", err))
	}
}
