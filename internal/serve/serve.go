// Package serve is the development server of a built site.
//
// Run serves the folder of a built site (Options.Out) over HTTP, watches the
// project's source folders (Options.Watch under Options.Root) and calls the
// Builder when they change, then tells every open page what happened over
// server-sent events: after a successful build the page reloads; after a
// failed one it shows the build's file:line problems in a banner over the
// last good page, until a later build succeeds. Serve knows nothing of how
// the site is built; the Builder does the building and returns a Result.
//
// Changes are seen through file system notifications (fsnotify), or, when
// Options.Poll is positive, by scanning the folders at that interval, for
// file systems without notifications. A burst of changes (an editor's save,
// a git checkout) is coalesced into one build once the folders have been
// quiet for Options.Debounce. At most one build runs at a time; changes made
// during a build start one more build after it. Hidden files and folders
// (.git, .#x.md locks, .x.md.swp swap files) and backups (x.md~) are not
// watched, so an editor's scratch files do not start builds.
//
// Every HTML page served gets
//
//	<script src="/__dossier/reload.js" data-build="ID"></script>
//
// before </body>, where ID names the build the page comes from. The script
// and its stylesheet are served under /__dossier/, which also holds the
// event stream (/__dossier/events). Nothing of this is written to Out, and
// none of it needs an inline script or style, so it runs under the site's
// Content-Security-Policy.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// Result is what a build reports.
type Result struct {
	// OK is true when the build replaced the site in Out. A failed build
	// must leave the previous site in Out untouched.
	OK bool
	// Problems are the build's messages, each "file:line: message" (or
	// "file: message") with project-relative paths. Those of a failed build
	// are shown in open pages; all are printed to the log.
	Problems []string
	// Summary is one line for the log, such as "312 pages, 4 problems".
	Summary string
}

// Builder builds the site into Out. Changed lists the project-relative,
// slash-separated paths that changed since the last successful build began
// (the changes given to failed builds since are given again), sorted; a path
// may name a folder, meaning anything under it, or a file that no longer
// exists. Changed is nil when it is unknown (the first build, or change
// notifications were lost): build everything then. The context is cancelled
// when the server stops.
type Builder func(ctx context.Context, changed []string) Result

// Options configure Run. Out and Build are required.
type Options struct {
	// Root is the project folder; the Watch folders are under it.
	Root string
	// Out is the folder of the built site, served as it is on disk.
	Out string
	// Addr is the address to listen on, such as "127.0.0.1:8080".
	Addr string
	// Listener, when set, is used instead of listening on Addr; Run closes it.
	Listener net.Listener
	// Watch names the folders under Root whose changes start a build; nil
	// means DefaultWatch. A folder created after Run starts is watched too.
	Watch []string
	// Poll, when positive, replaces file system notifications by a scan of
	// the watched folders at this interval.
	Poll time.Duration
	// Debounce is how long the watched folders must stay quiet before a
	// build starts; zero means DefaultDebounce.
	Debounce time.Duration
	// Build builds the site. Run calls it once at the start, with nil.
	Build Builder
	// Log receives one line per build, the problems, and the address
	// served; nil discards them.
	Log io.Writer
}

// DefaultWatch is the folders watched when Options.Watch is nil.
var DefaultWatch = []string{"seeds", "content", "templates", "static"}

// DefaultDebounce is the quiet time that ends a burst of changes when
// Options.Debounce is zero. It is short, because it adds to every
// edit-to-reload, and long enough to span an editor's save (a few
// milliseconds) and the gaps between the files of a git checkout.
const DefaultDebounce = 25 * time.Millisecond

// shutdownGrace bounds how long Run waits for requests in flight when it stops.
const shutdownGrace = 5 * time.Second

// Run builds the site once, serves it, and rebuilds it when the watched
// folders change, until ctx is cancelled; it then stops serving, waits for
// a build in progress to return, and returns nil. Pages requested before the
// first build has finished wait for it. It logs
// "serving OUT at http://ADDR/" once it listens.
func Run(ctx context.Context, o Options) error {
	o, err := o.check()
	if err != nil {
		if o.Listener != nil {
			o.Listener.Close()
		}
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	ln := o.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", o.Addr); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	changes := newPending()
	var watch func(context.Context)
	if o.Poll > 0 {
		watch = newPoller(o, changes).run
	} else {
		n, err := newNotifier(o, changes)
		if err != nil {
			ln.Close()
			return err
		}
		watch = n.run
	}
	h := newHub()
	srv := &http.Server{
		Handler:           newHandler(o.Out, h),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(o.Log, "serve: ", 0),
	}
	fmt.Fprintf(o.Log, "serving %s at http://%s/ (Ctrl-C to stop)\n", o.Out, ln.Addr())
	if o.Poll > 0 {
		fmt.Fprintf(o.Log, "looking for changes every %v\n", o.Poll)
	}

	var wg sync.WaitGroup
	wg.Go(func() { watch(ctx) })
	wg.Go(func() { runBuilds(ctx, o, changes, h) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}
	cancel()
	// Event streams never end by themselves: end them first, or Shutdown
	// would wait for them.
	h.close()
	stop, cancelStop := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancelStop()
	if serr := srv.Shutdown(stop); serr != nil {
		// Browsers open connections ahead of any request, and Shutdown
		// counts one that has not yet sent a request as busy for seconds:
		// after the grace period, close whatever is left.
		if cerr := srv.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("serve: shutting down: %w", cerr)
		}
	}
	wg.Wait()
	return err
}

// check validates the options and fills in the defaults.
func (o Options) check() (Options, error) {
	if o.Build == nil {
		return o, errors.New("serve: Options.Build is nil")
	}
	if o.Out == "" {
		return o, errors.New("serve: Options.Out is empty")
	}
	if o.Root == "" {
		o.Root = "."
	}
	if st, err := os.Stat(o.Root); err != nil {
		return o, fmt.Errorf("serve: project folder: %w", err)
	} else if !st.IsDir() {
		return o, fmt.Errorf("serve: project folder %s is not a folder", o.Root)
	}
	if o.Watch == nil {
		o.Watch = DefaultWatch
	}
	for _, w := range o.Watch {
		if !filepath.IsLocal(w) {
			return o, fmt.Errorf("serve: watched folder %q is not inside the project folder", w)
		}
	}
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o, nil
}

// runBuilds runs one build per burst of changes, starting with a full
// build, until ctx is cancelled. Builds run here one after another, never
// at once.
func runBuilds(ctx context.Context, o Options, p *pending, h *hub) {
	p.add("")
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.signal:
		}
		for wait := p.due(o.Debounce, time.Now()); wait > 0; wait = p.due(o.Debounce, time.Now()) {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		changed, ok := p.take()
		if !ok {
			continue // the signal of changes an earlier take already had
		}
		began := time.Now()
		r := build(ctx, o.Build, changed)
		if ctx.Err() != nil {
			return // a build cut short by the shutdown says nothing about the site
		}
		if !r.OK {
			p.keep(changed)
		}
		h.finish(r)
		logBuild(o.Log, changed, r, time.Since(began))
	}
}

// build calls b, turning a panic into a failed build so that one bad edit
// does not end the session.
func build(ctx context.Context, b Builder, changed []string) (r Result) {
	defer func() {
		if v := recover(); v != nil {
			r = Result{Problems: []string{fmt.Sprintf("the build panicked: %v\n%s", v, debug.Stack())}}
		}
	}()
	return b(ctx, slices.Clone(changed))
}

// logBuild writes what changed, how the build went, and its problems.
func logBuild(w io.Writer, changed []string, r Result, took time.Duration) {
	var why string
	switch {
	case changed == nil:
		why = "built"
	case len(changed) <= 3:
		why = strings.Join(changed, ", ") + " changed; rebuilt"
	default:
		why = fmt.Sprintf("%s and %d more changed; rebuilt", changed[0], len(changed)-1)
	}
	outcome := "in"
	if !r.OK {
		outcome = "and failed in"
	}
	line := fmt.Sprintf("%s %s %v", why, outcome, took.Round(time.Millisecond))
	if r.Summary != "" {
		line += ": " + r.Summary
	}
	fmt.Fprintln(w, line)
	for _, p := range r.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}
