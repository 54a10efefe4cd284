package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/verify"
)

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "project root holding seeds/, content/, templates/ and static/")
	out := fs.String("out", "", "output folder (default ROOT/public)")
	baseURL := fs.String("base-url", "", "address the site will be published at, e.g. https://example.org/dossier/ (makes sitemap.xml and the feed absolute)")
	noCache := fs.Bool("no-cache", false, "make every file from scratch; neither read nor write "+cache.Dir+"/")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (see go tool pprof)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dossier build [-root DIR] [-out DIR] [-base-url URL] [-no-cache]\n\nVerifies the content, renders the site and replaces the output folder in one step.\nOn any error nothing is written and the previous site stays as it was.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*root, "public")
	}
	base, err := checkBaseURL(*baseURL)
	if err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return errReported
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	_, err = buildWith(buildOptions{root: *root, out: *out, baseURL: base, noCache: *noCache}, stdout, stderr)
	return err
}

// checkBaseURL accepts an absolute http(s) address and makes it end in "/".
func checkBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("-base-url %q: want an absolute http or https address such as https://example.org/dossier/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// buildResult is what one build did, for the summary and for serve.
type buildResult struct {
	stats  render.Stats
	files  int // files in the site
	reused int // files kept from the previous site (hardlinked, not rewritten)
}

// buildOptions are the settings of one build.
type buildOptions struct {
	root, out string
	baseURL   string // "" or an absolute address ending in "/"
	noCache   bool   // neither read nor write .dossier-cache/
}

// build runs every stage and publishes to out. It prints problems and a
// summary; on errors it returns errReported and leaves out untouched.
func build(root, out string, stdout, stderr io.Writer) (*buildResult, error) {
	return buildWith(buildOptions{root: root, out: out}, stdout, stderr)
}

func buildWith(o buildOptions, stdout, stderr io.Writer) (*buildResult, error) {
	root, out, useCache := o.root, o.out, !o.noCache
	start := time.Now()
	fsys := os.DirFS(root)
	d, problems := load(fsys)
	loaded := time.Now()
	printProblems(stderr, problems)
	warnings := len(problems)
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "build failed: %s, %s; %s was not changed\n", count(n, "error"), count(len(problems)-n, "warning"), out)
		return nil, errReported
	}
	warn := func(err error) {
		fmt.Fprintf(stderr, "warning: %v\n", err)
		warnings++
	}
	var prev, next *cache.Manifest
	manifest := cache.File(root, out)
	version := ""
	if useCache {
		var err error
		if version, err = cache.Version(); err != nil {
			warn(fmt.Errorf("%v; building without the cache", err))
			useCache = false
		}
	}
	if useCache {
		var err error
		if prev, err = cache.Load(manifest); err != nil {
			warn(err)
		}
		next = cache.New()
	}
	found, ws := mentions(root, d.corpus, actorNames(d), version, useCache)
	for _, w := range ws {
		warn(w)
	}
	ib, ws := buildInbox(root, d, version, useCache)
	for _, w := range ws {
		warn(w)
	}
	plan, err := planSite(fsys, d, found, ib, o.baseURL, version)
	if err != nil {
		fmt.Fprintln(stderr, renderProblem(fsys, err))
		fmt.Fprintf(stderr, "build failed: 1 error; %s was not changed\n", out)
		return nil, errReported
	}
	planned := time.Now()
	stage, err := publish.Begin(out)
	if err != nil {
		fmt.Fprintf(stderr, "build failed: %v%s\n", err, publishHint(err, out))
		return nil, errReported
	}
	var reused atomic.Int64
	err = plan.Each(runtime.GOMAXPROCS(0), func(j render.Job) error {
		ok, err := makeFile(j, stage, out, prev, next)
		if ok {
			reused.Add(1)
		}
		return err
	})
	if err != nil {
		stage.Abort()
		var we *writeError
		if errors.As(err, &we) {
			fmt.Fprintf(stderr, "build failed: %v (the previous site is unchanged)%s\n", we.err, publishHint(we.err, out))
		} else {
			fmt.Fprintln(stderr, renderProblem(fsys, err))
			fmt.Fprintf(stderr, "build failed: 1 error; %s was not changed\n", out)
		}
		return nil, errReported
	}
	if err := stage.Commit(); err != nil {
		fmt.Fprintf(stderr, "build failed: %v%s\n", err, publishHint(err, out))
		return nil, errReported
	}
	if useCache {
		if err := next.Save(manifest); err != nil {
			warn(fmt.Errorf("%v (the site is built; the next build will not be incremental)", err))
		}
	}
	done := time.Now()
	stats := plan.Stats()
	cov := verify.Measure(d.corpus, d.site)
	fmt.Fprintf(stdout, "built %s: %d pages, %d files (%d unchanged) from %d sources (%d actors, %d events, %d figures, %d topics); %d citations; %d warnings; coverage %d/%d lines (%.0f%%); %s (load+verify %s, plan %s, render+write %s)\n",
		out, stats.Pages, len(plan.Jobs), reused.Load(), len(d.corpus.Seeds), len(d.site.Actors), len(d.site.Events), len(d.site.Figures), len(d.site.Topics),
		stats.Citations, warnings, cov.Cited, cov.Content, percent(cov.Cited, cov.Content),
		ms(done.Sub(start)), ms(loaded.Sub(start)), ms(planned.Sub(loaded)), ms(done.Sub(planned)))
	return &buildResult{stats: stats, files: len(plan.Jobs), reused: int(reused.Load())}, nil
}

// makeFile puts one file into the new site. When the previous build made
// the file from the same key and it is still on disk as written, it is
// hardlinked without being rendered; when rendering gives the bytes the
// previous site already has, it is hardlinked without being written.
// It reports whether the previous file was reused.
func makeFile(j render.Job, stage *publish.Stage, out string, prev, next *cache.Manifest) (bool, error) {
	key, produce, err := j.Prepare()
	if err != nil {
		return false, err
	}
	old, hadOld := cache.Entry{}, false
	if prev != nil {
		if e, ok := prev.Get(j.Path); ok {
			if info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(j.Path))); err == nil && e.Describes(info) {
				old, hadOld = e, true
			}
		}
	}
	if hadOld && old.Key == key && stage.Reuse(j.Path) == nil {
		if next != nil {
			next.Set(j.Path, old)
		}
		return true, nil
	}
	b, err := produce()
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(b)
	if hadOld && old.Sum == sum && stage.Reuse(j.Path) == nil {
		if next != nil {
			old.Key = key
			next.Set(j.Path, old)
		}
		return true, nil
	}
	info, err := stage.WriteFile(j.Path, b)
	if err != nil {
		return false, &writeError{err}
	}
	if next != nil {
		next.Set(j.Path, cache.NewEntry(key, sum, info))
	}
	return false, nil
}

// writeError is a failure to write the new site, as opposed to rendering it.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// publishHint says what to do about the usual reasons writing the site fails.
func publishHint(err error, out string) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "; free some disk space and build again"
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("; make the folder holding %s writable, or build elsewhere with -out", out)
	}
	return ""
}

func ms(d time.Duration) string { return fmt.Sprintf("%dms", d.Milliseconds()) }
