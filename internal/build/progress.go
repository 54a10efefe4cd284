package build

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress is what a build is doing: a stage and, within it, how many of
// its items have started. Options.Progress receives it.
type Progress struct {
	Stage       string // "reading", "comparing", "parsing", "checking", "extracting", "planning", "rendering", "publishing"
	Done, Total int    // items started and items in the stage; Total is 0 for a stage without items
}

// Stages and what their items are, as Printer names them.
var stageItems = map[string]string{
	"reading": "files", "comparing": "files", "parsing": "sources", "extracting": "sources", "rendering": "files",
}

// stage reports the start of a stage.
func (b *builder) stage(name string, total int) {
	b.stageName, b.stageTotal = name, total
	if b.o.Progress != nil {
		b.o.Progress(Progress{Stage: name, Total: total})
	}
}

// step reports that item done of the current stage has started.
func (b *builder) step(done int) {
	if b.o.Progress != nil {
		b.o.Progress(Progress{Stage: b.stageName, Done: done, Total: b.stageTotal})
	}
}

// printDelay is how long a build runs before Printer shows anything: a
// build quicker than that shows only its summary.
const printDelay = time.Second

// Printer returns a Progress function that shows a build's progress on w
// once it has run for printDelay: on a terminal one line, rewritten in place
// at most ten times a second ("rendering 4,130/8,720 files"); elsewhere, as
// in a log, one line per stage. The returned end function clears the
// terminal line; call it when the build returns, before printing anything
// else.
func Printer(w io.Writer, terminal bool) (progress func(Progress), end func()) {
	p := &printer{w: w, terminal: terminal, now: time.Now}
	p.start = p.now()
	return p.show, p.end
}

type printer struct {
	w        io.Writer
	terminal bool
	now      func() time.Time
	start    time.Time
	mu       sync.Mutex
	shown    time.Time // when the terminal line was last written
	stage    string    // the stage last shown
	dirty    bool      // the terminal line holds text
}

func (p *printer) show(pr Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.start) < printDelay {
		return
	}
	line := pr.Stage
	if pr.Total > 0 {
		line += fmt.Sprintf(" %d/%d %s", pr.Done, pr.Total, stageItems[pr.Stage])
	}
	switch {
	case !p.terminal:
		if pr.Stage != p.stage {
			if pr.Total > 0 {
				line = fmt.Sprintf("%s %d %s", pr.Stage, pr.Total, stageItems[pr.Stage])
			}
			fmt.Fprintf(p.w, "%s (%.1fs)\n", line, now.Sub(p.start).Seconds())
		}
	case pr.Stage != p.stage || now.Sub(p.shown) >= 100*time.Millisecond || pr.Done == pr.Total:
		// \r returns to the start of the line, \x1b[K clears the rest of it.
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
		p.shown, p.dirty = now, true
	}
	p.stage = pr.Stage
}

func (p *printer) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dirty {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.dirty = false
	}
}
