package render

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/dossier-project/dossier/internal/source"
)

// A Job makes one file of the site. Prepare gathers what the file is made
// from, cheaply, and returns its Key and a function that produces the bytes:
// a caller that still holds the output of an earlier job with the same key
// can skip the expensive part (markdown, highlighting, templates). Jobs are
// independent and may run concurrently, in any order; the caller runs them
// (see package build).
type Job struct {
	Path    string // output path, slash-separated, relative to public/
	Page    bool   // an HTML page, counted in Stats.Pages
	Prepare func() (Key, func() ([]byte, error), error)
	// Large is set for a file made from the whole dossier (the printable
	// page, the data export, the site-wide lists), which takes many times
	// as long as a page: see Plan.Order.
	Large bool
	// Recycle, when set, takes back the bytes the job produced once the
	// caller is done with them: their memory is used for the next page.
	Recycle func([]byte)
	// Stamp, when set, returns a key naming every input the job's key is
	// made from, coarsely and without reading them: a build that gives the
	// job the stamp an earlier build gave it would give it that build's key
	// too, so a caller holding that key and its file need not call Prepare.
	// A stamp is compared with the one its own file had, so files with the
	// same inputs may share one. The files made from one seed have one
	// (seedStamp: the seed, and what the curated pages say of it), and so
	// have the curated pages (curatedStamp: the page's file, what the
	// others show it, and the lines cited or, for an actor or a place,
	// every seed) and the printable page (printStamp); the rest of a
	// site's files read many seeds and many pages. It is called when the
	// job runs, on the caller's workers, not while the site is planned.
	Stamp func() Key
}

// Plan is the set of jobs that make a site.
type Plan struct {
	Jobs      []Job // sorted by Path
	pages     int
	citations atomic.Int64
}

// Order returns the indexes of the jobs in the order to start them: the
// large ones first, so that on a rebuild, where most jobs keep their files
// and take a moment each, a large job made again runs beside the others
// instead of ending the stage alone. Otherwise the jobs keep their order.
func (p *Plan) Order() []int {
	order := make([]int, 0, len(p.Jobs))
	for i, j := range p.Jobs {
		if j.Large {
			order = append(order, i)
		}
	}
	for i, j := range p.Jobs {
		if !j.Large {
			order = append(order, i)
		}
	}
	return order
}

// large marks the job added last as large (see Job.Large).
func (r *renderer) large() { r.plan.Jobs[len(r.plan.Jobs)-1].Large = true }

// Stats counts what a render produced.
type Stats struct {
	Pages     int // HTML pages
	Citations int // citation references rendered
}

// Stats counts what the plan's jobs produced. Citations are counted as jobs
// are prepared, so the count is complete once every job has run.
func (p *Plan) Stats() Stats {
	return Stats{Pages: p.pages, Citations: int(p.citations.Load())}
}

// addPage registers an HTML page whose data build makes when the job runs.
// Its key is the layout's key (the layout file, base.html and the partials
// it uses), the site-wide values every page shows, and what the page itself
// declares (see page.key).
func (r *renderer) addPage(layout, path string, build func() (*page, error)) {
	r.plan.pages++
	r.plan.Jobs = append(r.plan.Jobs, Job{Path: path, Page: true, Recycle: recyclePage, Prepare: func() (Key, func() ([]byte, error), error) {
		pg, err := build()
		if err != nil {
			return Key{}, nil, err
		}
		pg.site = r.site
		var k Key
		if !r.in.NoKeys {
			h := newHasher()
			h.key(r.layouts.keys[layout])
			h.key(r.siteKey)
			pg.key(h)
			k = h.sum()
		}
		return k, func() ([]byte, error) { return r.executePage(layout, pg) }, nil
	}})
}

// addFile registers a file that is cheap to make; its key is its bytes.
func (r *renderer) addFile(path string, build func() ([]byte, error)) {
	r.plan.Jobs = append(r.plan.Jobs, Job{Path: path, Prepare: func() (Key, func() ([]byte, error), error) {
		b, err := build()
		if err != nil {
			return Key{}, nil, err
		}
		var k Key
		if !r.in.NoKeys {
			k = bytesKey(b)
		}
		return k, func() ([]byte, error) { return b, nil }, nil
	}})
}

// addKeyed registers a file whose inputs key declares, made by make only
// when the file is needed.
func (r *renderer) addKeyed(path string, key func(h *hasher), make func() ([]byte, error)) {
	r.plan.Jobs = append(r.plan.Jobs, Job{Path: path, Prepare: func() (Key, func() ([]byte, error), error) {
		var k Key
		if !r.in.NoKeys {
			h := newHasher()
			h.str(r.in.Version)
			key(h)
			k = h.sum()
		}
		return k, make, nil
	}})
}

// checkPaths reports two jobs writing one file.
func checkPaths(jobs []Job) error {
	for i := 1; i < len(jobs); i++ {
		if jobs[i].Path == jobs[i-1].Path {
			return fmt.Errorf("render: two files would be written to %s", jobs[i].Path)
		}
	}
	return nil
}

// seedStamp returns the stamp (see Job.Stamp) of the files made from the
// seed s, from what curated names of the curated pages, and from nothing
// else but what Input.SeedEpoch names: the SHA-256 of that epoch, whether
// the site has places and disputes (which every page's navigation shows),
// the seed's file and SHA-256 and the key curated returns, made once, when
// a job first asks. Without a SeedEpoch or with curated nil, it is made
// from Epoch instead, which names every curated page. It returns nil, for
// none, without an epoch or the seed's sum, or without keys.
func (r *renderer) seedStamp(s *source.Seed, curated func() Key) func() Key {
	if r.in.NoKeys || r.in.Epoch == (Key{}) || s.Sum == ([32]byte{}) {
		return nil
	}
	if r.in.SeedEpoch == (Key{}) || curated == nil {
		return sync.OnceValue(func() Key {
			var buf [256]byte
			b := append(append(append(buf[:0], r.in.Epoch[:]...), s.Path()...), 0)
			return sha256.Sum256(append(b, s.Sum[:]...))
		})
	}
	return sync.OnceValue(func() Key {
		var buf [256]byte
		b := append(buf[:0], r.in.SeedEpoch[:]...)
		b = append(b, flag(r.site.HasPlaces), flag(r.site.HasDisputes))
		// The seed's file: s.Path(), a seed's name being a clean one.
		b = append(append(append(append(b, source.Dir...), '/'), s.File...), 0)
		b = append(b, s.Sum[:]...)
		k := curated()
		return sha256.Sum256(append(b, k[:]...))
	})
}

// flag is a boolean as a byte.
func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// stamp gives the job added last the stamp st.
func (r *renderer) stamp(st func() Key) { r.plan.Jobs[len(r.plan.Jobs)-1].Stamp = st }
