package render

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"sync/atomic"
)

// A Job makes one file of the site. Prepare gathers what the file is made
// from, cheaply, and returns its Key and a function that produces the bytes:
// a caller that still holds the output of an earlier job with the same key
// can skip the expensive part (markdown, highlighting, templates). Jobs are
// independent and may run concurrently, in any order.
type Job struct {
	Path    string // output path, slash-separated, relative to public/
	Page    bool   // an HTML page, counted in Stats.Pages
	Prepare func() (Key, func() ([]byte, error), error)
}

// Plan is the set of jobs that make a site.
type Plan struct {
	Jobs      []Job // sorted by Path
	pages     int
	citations atomic.Int64
}

// Stats counts what the plan's jobs produced. Citations are counted as jobs
// are prepared, so the count is complete once every job has run.
func (p *Plan) Stats() Stats {
	return Stats{Pages: p.pages, Citations: int(p.citations.Load())}
}

// addPage registers an HTML page whose data build makes when the job runs.
// The key covers the layout set, the layout's name and every value the
// template receives, so a page is rebuilt exactly when something it shows changed.
func (r *renderer) addPage(tmpl, path string, build func() (*page, error)) {
	r.plan.pages++
	r.plan.Jobs = append(r.plan.Jobs, Job{Path: path, Page: true, Prepare: func() (Key, func() ([]byte, error), error) {
		pg, err := build()
		if err != nil {
			return Key{}, nil, err
		}
		pg.Dossier, pg.BaseURL = r.in.Title, r.in.BaseURL
		key, err := hashValues(r.base, tmpl, pg)
		if err != nil {
			return Key{}, nil, fmt.Errorf("render: %s: %w", path, err)
		}
		return key, func() ([]byte, error) { return r.executePage(tmpl, pg) }, nil
	}})
}

// addFile registers a file that is cheap to make; its key is its bytes.
func (r *renderer) addFile(path string, build func() ([]byte, error)) {
	r.plan.Jobs = append(r.plan.Jobs, Job{Path: path, Prepare: func() (Key, func() ([]byte, error), error) {
		b, err := build()
		if err != nil {
			return Key{}, nil, err
		}
		return sha256.Sum256(b), func() ([]byte, error) { return b, nil }, nil
	}})
}

// templateKey hashes every file of the layouts folder.
func templateKey(fsys fs.FS) (Key, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	var k Key
	copy(k[:], h.Sum(nil))
	return k, err
}

// paths lists the output paths planned so far: jobs and files.
func (r *renderer) paths() []string {
	var ps []string
	for _, j := range r.plan.Jobs {
		ps = append(ps, j.Path)
	}
	for p := range r.files {
		ps = append(ps, p)
	}
	return ps
}
