package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"golang.org/x/term"

	"github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/dirfs"
)

const buildHelp = `Usage: dossier build [-root DIR] [-out DIR] [-base-url URL] [-no-cache] [-quiet]

Verifies the content, renders the site and replaces the output folder in one step.
On any error nothing is written and the previous site stays as it was. A build that
takes over a second shows its progress on stderr: one updating line on a terminal,
a line per stage otherwise.`

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", buildHelp, stderr)
	root := fs.String("root", ".", "project root holding seeds/, content/, templates/ and static/")
	out := fs.String("out", "", "output folder (default ROOT/public)")
	baseURL := fs.String("base-url", "", "address the site will be published at, e.g. https://example.org/dossier/ (makes sitemap.xml and the feed absolute)")
	noCache := fs.Bool("no-cache", false, "make every file from scratch; neither read nor write "+cache.Dir+"/")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (see go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a profile of what the build allocated to `FILE` (see go tool pprof -sample_index=alloc_space)")
	quiet := fs.Bool("quiet", false, "print only problems and warnings: no progress, no summary")
	if ok, err := parse(fs, args, stdout); !ok {
		return err
	}
	o := buildOptions(*root, *out, !*noCache)
	if *baseURL != "" {
		var err error
		if o.BaseURL, err = content.CheckBaseURL(*baseURL); err != nil {
			fmt.Fprintf(stderr, "dossier build: -base-url %v\n", err)
			return errReported
		}
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
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer writeAllocs(f, stderr)
	}
	build.TuneGC()
	end := func() {}
	if *quiet {
		stdout = io.Discard
	} else {
		f, ok := stderr.(*os.File)
		o.Progress, end = build.Printer(stderr, ok && term.IsTerminal(int(f.Fd())))
	}
	_, err := runBuild(ctx, o, end, stdout, stderr)
	return err
}

// writeAllocs writes to f the profile of what the program allocated so
// far, and closes it. A profile that cannot be written is reported; the
// build's outcome stands.
func writeAllocs(f *os.File, stderr io.Writer) {
	runtime.GC() // the profile counts the allocations up to the last collection
	err := pprof.Lookup("allocs").WriteTo(f, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier build: -memprofile: %v\n", err)
	}
}

// buildOptions are the options of a build of the project at root: the
// output defaults to ROOT/public and the cache lives in ROOT/.dossier-cache.
func buildOptions(root, out string, useCache bool) build.Options {
	if out == "" {
		out = filepath.Join(root, "public")
	}
	o := build.Options{Project: dirfs.New(root), Out: out}
	if useCache {
		o.CacheDir = filepath.Join(root, cache.Dir)
	}
	return o
}

// runBuild builds, calls ended (which clears the progress line), prints
// the problems and a summary, and returns errReported when the build failed.
func runBuild(ctx context.Context, o build.Options, ended func(), stdout, stderr io.Writer) (*build.Result, error) {
	res, err := build.Build(ctx, o)
	ended()
	printProblems(stderr, res.Problems)
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	var pe *build.PublishError
	switch {
	case errors.Is(err, build.ErrProblems):
		fmt.Fprintf(stderr, "build failed: %s; %s was not changed\n", tally(res.Problems), o.Out)
		return res, errReported
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "build failed: %v\n", pe)
		return res, errReported
	case err != nil:
		fmt.Fprintf(stderr, "build failed: %v; %s was not changed\n", err, o.Out)
		return res, errReported
	}
	fmt.Fprintln(stdout, summary(o, res))
	return res, nil
}

// summary is the one line a successful build prints.
func summary(o build.Options, res *build.Result) string {
	cov := res.Coverage
	return fmt.Sprintf("built %s: %d pages, %d files (%d unchanged) from %d sources (%d actors, %d events, %d figures, %d topics); %d citations; %d warnings; coverage %d/%d lines (%.0f%%); %s (load %s, verify+plan %s, render+write %s)",
		o.Out, res.Stats.Pages, res.Files, res.Kept, res.Sources, res.Actors, res.Events, res.Figures, res.Topics,
		res.Stats.Citations, len(res.Problems)+len(res.Warnings), cov.Cited, cov.Content, cov.Percent(),
		ms(res.Took()), ms(res.Load), ms(res.Plan), ms(res.Write))
}

func ms(d time.Duration) string { return fmt.Sprintf("%dms", d.Milliseconds()) }
