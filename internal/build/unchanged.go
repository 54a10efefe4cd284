package build

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
)

// A build whose inputs are exactly those of the last build into the same
// output folder has nothing to make: the same program, options and input
// files give the same site. After each successful build a sealed record
// beside the manifest (site-<hash>.last) names the inputs by their
// fingerprint (snapshot.fingerprint) and by the identities of their files
// (snapshot.identities), the manifest it wrote by its SHA-256, and what the
// build reported. A build whose input files all have the identities
// recorded, or whose files have the recorded fingerprint, checks that every
// file of that manifest is still in the output folder as it was written
// (publish.Site.Sum: same identity, known bytes) and then reports the
// recorded result without loading anything; the first check reads no input
// file. Any difference, or a record that cannot be read, and the build runs
// as usual.

const lastFormat = "dossier-last-3"

// lastBuild is the record of the last successful build.
type lastBuild struct {
	Inputs, Manifest                         [32]byte
	Identities                               [32]byte // zero: the files have none
	Program, BaseURL                         string
	Problems                                 diag.List
	Stats                                    render.Stats
	Files                                    int
	Sources, Actors, Events, Figures, Topics int
	Content, Cited                           int
}

func (b *builder) lastFile() string { return b.siteFile(".last") }

func (b *builder) fingerprint() [32]byte { return b.snap.fingerprint(b.version, b.o.BaseURL) }

// sameInputs reports whether the snapshot holds the last build's inputs.
func (b *builder) sameInputs(last *lastBuild) bool { return last.Inputs == b.fingerprint() }

// sameFiles reports whether the project's input files have the identities
// they had when the last build read them, for the same program and options.
// The identities are kept for the snapshot (see builder.inputs).
func (b *builder) sameFiles(last *lastBuild) bool {
	if last.Identities == ([32]byte{}) || last.Program != b.version || last.BaseURL != b.o.BaseURL {
		return false
	}
	in := b.inputs(b.o.Project)
	return identities(in.paths, func(p string) (fileID, bool) {
		id, ok := in.ids[p]
		return id, ok
	}) == last.Identities
}

// unchanged returns the result of the last build when same says its inputs
// are this build's and its output is intact.
func (b *builder) unchanged(ctx context.Context, same func(*lastBuild) bool) (*Result, bool) {
	if b.o.CacheDir == "" {
		return nil, false
	}
	if b.noLast {
		return nil, false
	}
	data, ok, err := cache.ReadSealed(b.lastFile(), lastFormat)
	if err == nil && !ok {
		b.noLast = true // none, or another program's record, which is no record
		return nil, false
	}
	var last lastBuild
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(data)).Decode(&last)
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %s: unreadable (%v); ignoring it", b.lastFile(), err))
		b.noLast = true
		return nil, false
	}
	b.lastSources = last.Sources
	// The heap is readied now, before the output's manifest and publish
	// state are read into it and the inputs listed: taken in 4 KB pages,
	// these fault about 1,400 times at 1,500 seeds, which costs a build
	// that goes on more than the reservation does. (A build that then finds
	// nothing changed gets back most of the reservation's collection in
	// faults, not all: it takes about 1% longer.)
	reserveHeap(b.lastSources)
	ahead := b.readAhead()
	if !same(&last) {
		return nil, false
	}
	b.outputChecked = true
	ahead.wait()
	m := ahead.manifest
	if ahead.err != nil || m.Sum() != last.Manifest || m.Len() != last.Files {
		return nil, false
	}
	site, err := publish.Look(b.o.Out, ahead.state)
	if err != nil {
		return nil, false // the build proper says what is wrong
	}
	defer site.Close()
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
		if sum, ok := site.Sum(files[i].path); !ok || sum != files[i].sum {
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
	if b.snap != nil && b.snap.identities() != last.Identities {
		// The same bytes in files rewritten since (a checkout, a touch): the
		// record takes their identities, so the next build need not read them.
		last.Identities = b.snap.identities()
		b.save(&last)
	}
	res.Warnings = b.warnings
	return res, true
}

// record writes the record of a successful build; failing to is a warning
// (the next build with the same inputs then runs in full).
func (b *builder) record(res *Result) {
	if b.o.CacheDir == "" || b.manifestSum == ([32]byte{}) {
		return
	}
	last := lastBuild{Inputs: b.fingerprint(), Identities: b.snap.identities(), Program: b.version, BaseURL: b.o.BaseURL,
		Manifest: b.manifestSum, Problems: res.Problems, Stats: res.Stats, Files: res.Files,
		Sources: res.Sources, Actors: res.Actors, Events: res.Events, Figures: res.Figures, Topics: res.Topics,
		Content: res.Coverage.Content, Cited: res.Coverage.Cited}
	b.save(&last)
	b.noteOutput()
	b.pruneCache(time.Now())
}

// readAhead is the output folder's manifest and publish state, read on a
// goroutine of their own while the build lists its inputs: a build that
// finds nothing changed needs them next, and one that goes on takes them for
// its output (openOutput).
type readAhead struct {
	done     chan struct{}
	manifest *cache.Manifest // never nil
	err      error           // the manifest's (cache.Load)
	state    *publish.State
}

// readAhead starts reading the manifest and the publish state, once per
// build.
func (b *builder) readAhead() *readAhead {
	if b.ahead == nil {
		a := &readAhead{done: make(chan struct{})}
		manifest, state := cache.File(b.o.CacheDir, b.o.Out), b.statePath()
		go func() {
			defer close(a.done)
			a.manifest, a.err = cache.Load(manifest)
			a.state = publish.ReadState(state)
		}()
		b.ahead = a
	}
	return b.ahead
}

// wait waits for the reads to end.
func (a *readAhead) wait() { <-a.done }

// save writes the record of the last build; failing to is a warning.
func (b *builder) save(last *lastBuild) {
	var body bytes.Buffer
	err := gob.NewEncoder(&body).Encode(last)
	if err == nil {
		err = cache.WriteSealed(b.lastFile(), lastFormat, body.Bytes())
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %w", err))
	}
}
