package build

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/browsertest"
	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/serve"
	"github.com/dossier-project/dossier/internal/testtree"
)

// BenchmarkEditToReload measures what a curator waits for under `dossier
// serve` on the real dossier: from saving an actor page to a browser tab
// showing that page rebuilt (its load event, with the edit in it). The
// server and its build session are wired as cmd/dossier wires them; the
// page is open in headless Chromium, and the garbage collector is set as
// `dossier serve` sets it (TuneGC).
// It reports the median and the slowest:
//
//	go test ./internal/build -run '^$' -bench EditToReload -benchtime 10x
//
// It is skipped without Chromium on PATH.
func BenchmarkEditToReload(b *testing.B) {
	exe := browsertest.Path()
	if exe == "" {
		b.Skip("no chromium on PATH; run `bash .ci/browser-deps.sh` to install it")
	}
	defer TuneGC()()
	root := b.TempDir()
	for _, dir := range []string{"seeds", "content"} {
		testtree.Copy(b, filepath.Join("../..", dir), filepath.Join(root, dir))
	}
	const slug = "abbas-araghchi"
	actor := filepath.Join(root, "content", "actors", slug+".md")
	original, err := os.ReadFile(actor)
	require.NoError(b, err)

	out := filepath.Join(root, "public")
	session := NewSession(Options{Project: os.DirFS(root), Out: out, CacheDir: filepath.Join(root, cache.Dir)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(b, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	built := make(chan [2]time.Time, 16) // each build's start and end
	stages := make(chan *Result, 16)
	go func() {
		served <- serve.Run(ctx, serve.Options{Root: root, Out: out, Listener: ln, Log: io.Discard,
			Build: func(ctx context.Context, changed []string) serve.Result {
				began := time.Now()
				res, err := session.Build(ctx, changed)
				built <- [2]time.Time{began, time.Now()}
				stages <- res
				r := serve.Result{OK: err == nil}
				if err != nil {
					r.Problems = append(r.Problems, err.Error())
					for _, p := range res.Problems {
						r.Problems = append(r.Problems, p.String())
					}
				}
				return r
			}})
	}()
	defer func() {
		stop()
		require.NoError(b, <-served)
	}()

	tab, stopTab, err := browsertest.Start(browsertest.Options(exe))
	require.NoError(b, err, "start %s", exe)
	defer stopTab()
	loaded := make(chan time.Time, 16)
	require.NoError(b, chromedp.Listen(tab, func(ev any) {
		if _, ok := ev.(*page.EventLoadEventFired); ok {
			loaded <- time.Now()
		}
	}))
	url := fmt.Sprintf("http://%s/actors/%s/index.html", ln.Addr(), slug)
	open, cancel := context.WithTimeout(tab, 30*time.Second)
	require.NoError(b, chromedp.Do(open, chromedp.Navigate(url)), "open %s", url)
	cancel()
	<-loaded
	<-built
	<-stages

	var took, building, waiting, load, plan, write []time.Duration
	for i := 0; b.Loop(); i++ {
		mark := fmt.Sprintf("edited %d", i)
		edited := strings.Replace(string(original), " he said ", " he said ("+mark+") ", 1)
		require.NotEqual(b, string(original), edited, "the edit changes %s", actor)
		began := time.Now()
		require.NoError(b, os.WriteFile(actor, []byte(edited), 0o644))
		var at time.Time
		for at.IsZero() {
			select {
			case t := <-loaded:
				read, cancel := context.WithTimeout(tab, 30*time.Second)
				body, err := chromedp.Run(read, chromedp.Evaluate[string](`document.querySelector("main").textContent`))
				cancel()
				require.NoError(b, err, "read the page")
				if strings.Contains(body, mark) {
					at = t
				}
			case <-time.After(30 * time.Second):
				b.Fatalf("no reload showing %q within 30 s", mark)
			}
		}
		took = append(took, at.Sub(began))
		build := <-built
		building = append(building, build[1].Sub(build[0]))
		waiting = append(waiting, build[0].Sub(began))
		res := <-stages
		load, plan, write = append(load, res.Load), append(plan, res.Plan), append(write, res.Write)
	}
	median := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2].Microseconds()) / 1000
	}
	b.ReportMetric(median(took), "ms-p50")
	b.ReportMetric(median(waiting), "ms-to-build-p50")
	b.ReportMetric(median(building), "ms-build-p50")
	b.ReportMetric(median(load), "ms-load-p50")
	b.ReportMetric(median(plan), "ms-verify+plan-p50")
	b.ReportMetric(median(write), "ms-render+write-p50")
	b.ReportMetric(float64(slices.Max(took).Microseconds())/1000, "ms-max")
}
