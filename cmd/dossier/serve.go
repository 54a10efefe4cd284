package main

import (
	"context"
	"errors"
	"io"

	"github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/serve"
)

const serveHelp = `Usage: dossier serve [-root DIR] [-addr HOST:PORT] [-poll DURATION]

Builds the site, serves public/, rebuilds when seeds/, content/, templates/ or static/
change, and reloads open pages after each successful rebuild; a failed rebuild shows
its problems over the last good page until they are fixed. Stop with Ctrl-C.`

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlags("serve", serveHelp, stderr)
	root := fset.String("root", ".", "project root")
	addr := fset.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	poll := fset.Duration("poll", 0, "scan for changes at this interval instead of using file notifications (for network or container mounts); 0 uses notifications")
	if ok, err := parse(fset, args, stdout); !ok {
		return err
	}
	build.TuneGC()
	o := buildOptions(*root, "", true)
	// One session for all builds: each rereads only what changed.
	session := build.NewSession(o)
	return serve.Run(ctx, serve.Options{
		Root: *root, Out: o.Out, Addr: *addr, Poll: *poll, Log: stdout,
		Build: func(ctx context.Context, changed []string) serve.Result {
			res, err := session.Build(ctx, changed)
			r := serve.Result{OK: err == nil}
			for _, p := range res.Problems {
				r.Problems = append(r.Problems, p.String())
			}
			for _, w := range res.Warnings {
				r.Problems = append(r.Problems, "warning: "+w.Error())
			}
			var pe *build.PublishError
			switch {
			case err == nil:
				r.Summary = summary(o, res)
			case errors.As(err, &pe):
				r.Problems = append(r.Problems, "build failed: "+pe.Error())
			case !errors.Is(err, build.ErrProblems):
				r.Problems = append(r.Problems, "build failed: "+err.Error())
			}
			return r
		},
	})
}
