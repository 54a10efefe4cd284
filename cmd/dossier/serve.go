package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlags("serve", "Usage: dossier serve [-root DIR] [-addr HOST:PORT] [-poll DURATION]\n\nBuilds the site, serves public/, rebuilds when seeds/, content/, templates/ or static/\nchange, and reloads open pages after each successful rebuild. Stop with Ctrl-C.", stderr)
	root := fset.String("root", ".", "project root")
	addr := fset.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	watch := fset.Duration("poll", 500*time.Millisecond, "how often to look for changed files (0 disables rebuilding)")
	if ok, err := parse(fset, args, stdout); !ok {
		return err
	}
	o := buildOptions(*root, "", true)
	out := o.Out
	var version atomic.Int64
	if _, err := runBuild(ctx, o, stdout, stderr); err == nil {
		version.Store(1)
	} else if _, statErr := os.Stat(out); statErr != nil {
		return errors.New("serve: the first build failed and there is no previous site to serve")
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: siteHandler(out, &version), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", out, ln.Addr())

	if *watch > 0 {
		go func() {
			last := fingerprint(*root)
			t := time.NewTicker(*watch)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
				if fp := fingerprint(*root); fp != last {
					last = fp
					fmt.Fprintln(stdout, "change detected; rebuilding")
					if _, err := runBuild(ctx, o, stdout, stderr); err == nil {
						version.Add(1)
					}
				}
			}
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		fmt.Fprintln(stdout, "shutting down")
		return srv.Shutdown(shutdown)
	case err := <-errc:
		return err
	}
}

// reloadJS polls the build version and reloads the page when it changes.
// It is served only by `dossier serve`, never written to public/.
const reloadJS = `(function(){var v=null;function poll(){fetch('/__dossier/version').then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){}).finally(function(){setTimeout(poll,1000)})}poll()})();`

// siteHandler serves files from dir and nothing outside it: the folder is
// opened as an os.Root on every request, so symlinks and ".." cannot escape,
// and a site swapped in by a rebuild is seen at once.
func siteHandler(dir string, version *atomic.Int64) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__dossier/version", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, version.Load())
	})
	mux.HandleFunc("/__dossier/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, reloadJS)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		root, err := os.OpenRoot(dir)
		if err != nil {
			http.Error(w, "site not built yet", http.StatusServiceUnavailable)
			return
		}
		defer root.Close()
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if st, err := root.Stat(orDot(name)); err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
		}
		data, err := fs.ReadFile(root.FS(), name)
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			if page, err := fs.ReadFile(root.FS(), "404.html"); err == nil {
				w.Write(page)
			}
			return
		}
		if strings.HasSuffix(name, ".html") {
			data = bytes.Replace(data, []byte("</body>"), []byte(`<script src="/__dossier/reload.js"></script></body>`), 1)
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
	return mux
}

func orDot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

// fingerprint summarises the names, sizes and times of every input file, so
// polling notices additions, deletions and edits.
func fingerprint(root string) string {
	var b strings.Builder
	for _, dir := range []string{"seeds", "content", "templates", "static"} {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil {
				b.WriteString(p + "|" + strconv.FormatInt(info.Size(), 10) + "|" + strconv.FormatInt(info.ModTime().UnixNano(), 10) + "\n")
			}
			return nil
		})
	}
	return b.String()
}
