package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dossier build [-root DIR] [-out DIR] [-base-url URL]\n\nVerifies the content, renders the site and replaces the output folder in one step.\nOn any error nothing is written and the previous site stays as it was.")
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
	_, err = buildWith(buildOptions{root: *root, out: *out, baseURL: base}, stdout, stderr)
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
	files render.Files
	stats render.Stats
}

// buildOptions are the settings of one build.
type buildOptions struct {
	root, out string
	baseURL   string // "" or an absolute address ending in "/"
}

// build runs every stage and publishes to out. It prints problems and a
// summary; on errors it returns errReported and leaves out untouched.
func build(root, out string, stdout, stderr io.Writer) (*buildResult, error) {
	return buildWith(buildOptions{root: root, out: out}, stdout, stderr)
}

func buildWith(o buildOptions, stdout, stderr io.Writer) (*buildResult, error) {
	root, out := o.root, o.out
	start := time.Now()
	fsys := os.DirFS(root)
	d, problems := load(fsys)
	loaded := time.Now()
	printProblems(stderr, problems)
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "build failed: %s, %s; %s was not changed\n", count(n, "error"), count(len(problems)-n, "warning"), out)
		return nil, errReported
	}
	files, stats, err := renderSite(fsys, d, o.baseURL)
	if err != nil {
		fmt.Fprintln(stderr, renderProblem(fsys, err))
		fmt.Fprintf(stderr, "build failed: 1 error; %s was not changed\n", out)
		return nil, errReported
	}
	rendered := time.Now()
	if err := publish.Write(out, files); err != nil {
		fmt.Fprintf(stderr, "build failed: %v%s\n", err, publishHint(err, out))
		return nil, errReported
	}
	done := time.Now()
	cov := verify.Measure(d.corpus, d.site)
	fmt.Fprintf(stdout, "built %s: %d pages, %d files from %d sources (%d actors, %d events, %d figures, %d topics); %d citations; %d warnings; coverage %d/%d lines (%.0f%%); %s (load+verify %s, render %s, write %s)\n",
		out, stats.Pages, len(files), len(d.corpus.Seeds), len(d.site.Actors), len(d.site.Events), len(d.site.Figures), len(d.site.Topics),
		stats.Citations, len(problems), cov.Cited, cov.Content, percent(cov.Cited, cov.Content),
		ms(done.Sub(start)), ms(loaded.Sub(start)), ms(rendered.Sub(loaded)), ms(done.Sub(rendered)))
	return &buildResult{files: files, stats: stats}, nil
}

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
