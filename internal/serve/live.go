package serve

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The live-reload script and the stylesheet of its problems banner, served
// under /__dossier/ and never written to the site.
var (
	//go:embed assets/reload.js
	reloadJS []byte
	//go:embed assets/overlay.css
	overlayCSS []byte
)

// state is what the event stream tells pages: the outcome of the latest
// build, and which build the site on disk comes from.
type state struct {
	Build    string   `json:"build"` // the latest build
	Site     string   `json:"site"`  // the latest successful build, "" if none
	OK       bool     `json:"ok"`
	Problems []string `json:"problems,omitempty"`
	Summary  string   `json:"summary,omitempty"`
}

// hub holds the latest state and wakes the event streams when it changes.
type hub struct {
	epoch string        // tells this run's build IDs from an earlier run's
	ready chan struct{} // closed when the first build has finished, or at close

	mu     sync.Mutex
	seq    int
	cur    state
	wake   chan struct{} // closed and replaced at every change
	closed bool
}

func newHub() *hub {
	return &hub{
		epoch: strconv.FormatInt(time.Now().UnixNano(), 36),
		ready: make(chan struct{}),
		wake:  make(chan struct{}),
	}
}

// finish records the result of a build and wakes the streams.
func (h *hub) finish(r Result) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.seq++
	s := state{
		Build:    h.epoch + "-" + strconv.Itoa(h.seq),
		Site:     h.cur.Site,
		OK:       r.OK,
		Problems: r.Problems,
		Summary:  r.Summary,
	}
	switch {
	case r.OK:
		s.Site = s.Build
		s.Problems = nil // warnings are for the log, not for the page
	case len(s.Problems) == 0:
		s.Problems = []string{"the build failed without naming a problem; the terminal may say more"}
	}
	h.cur = s
	if h.seq == 1 {
		close(h.ready)
	}
	close(h.wake)
	h.wake = make(chan struct{})
}

// latest returns the current state (zero before the first build), a channel
// closed at the next change, and whether the hub is closed.
func (h *hub) latest() (state, <-chan struct{}, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur, h.wake, h.closed
}

// site returns the ID of the build whose pages are on disk.
func (h *hub) site() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur.Site
}

// close ends every event stream and releases requests waiting for the first
// build.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	if h.seq == 0 {
		close(h.ready)
	}
	close(h.wake)
}

// serveEvents streams the state as server-sent events named "build": the
// current one at once, then one at each change. A client that falls behind
// gets only the latest state, never a backlog.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	// A page reconnects quickly after the server restarts, and then
	// reloads, since the new server's build IDs differ.
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	sent := ""
	for {
		s, wake, closed := h.latest()
		if closed {
			return
		}
		if s.Build != "" && s.Build != sent {
			data, err := json.Marshal(s)
			if err != nil {
				return
			}
			if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", data); err != nil {
				return
			}
			sent = s.Build
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-wake:
		case <-r.Context().Done():
			return
		}
	}
}

// serveAsset returns a handler for one of the embedded files.
func serveAsset(contentType string, data []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(data)
	}
}
