package serve

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// newHandler serves the site in dir and the live-reload files under
// /__dossier/.
func newHandler(dir string, h *hub) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__dossier/events", h.serveEvents)
	mux.HandleFunc("GET /__dossier/reload.js", serveAsset("text/javascript; charset=utf-8", reloadJS))
	mux.HandleFunc("GET /__dossier/overlay.css", serveAsset("text/css; charset=utf-8", overlayCSS))
	mux.Handle("/__dossier/", http.NotFoundHandler())
	mux.Handle("/", site{dir: dir, hub: h})
	return mux
}

// site serves the files of a built site and nothing outside it: the folder
// is opened as an os.Root at every request, so symlinks and ".." cannot
// escape it, and a site swapped in by a build is seen at once.
type site struct {
	dir string
	hub *hub
}

func (s site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	select {
	case <-s.hub.ready:
	case <-r.Context().Done():
		return
	}
	// The build ID is read before the file, so a page is never older than
	// the build it names; at worst it is newer and reloads once more.
	build := s.hub.site()
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	// A lookup is spoilt only when a build swaps the site in meanwhile, so
	// a third try is already most unlikely to be needed.
	var f found
	for range 3 {
		if f = lookup(s.dir, name, strings.HasSuffix(r.URL.Path, "/")); !f.swapped {
			break
		}
	}
	switch {
	case f.notBuilt:
		notBuilt(w, build)
	case f.redirect:
		target := "/" + name + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case f.missing:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		page := f.notFound
		if page == nil {
			page = []byte("<!doctype html><title>Not found</title><body><p>Not found.</p></body>")
		}
		w.Write(inject(page, build))
	default:
		data := f.data
		if ext := path.Ext(f.name); ext == ".html" || ext == ".htm" {
			data = inject(data, build)
		}
		http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(data))
	}
}

// found is what lookup finds for a request.
type found struct {
	name     string // the file served, relative to the site
	data     []byte // its bytes
	missing  bool   // there is no such file
	notFound []byte // the site's 404.html, if missing and it has one
	redirect bool   // the name is a folder asked for without its final slash
	notBuilt bool   // there is no site
	swapped  bool   // a build replaced the site during the lookup: look again
}

// lookup finds the file for the site-relative name (a folder's
// index.html when slash is set). A build can swap in a new site folder and
// delete the old one between the opening of the folder and the reading of a
// file; lookup then reports swapped rather than a missing file.
func lookup(dir, name string, slash bool) found {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return found{notBuilt: true}
	}
	defer root.Close()
	if name == "" {
		name = "."
	}
	if st, err := root.Stat(name); err == nil && st.IsDir() {
		if !slash {
			return found{redirect: true}
		}
		name = path.Join(name, "index.html")
	}
	data, err := fs.ReadFile(root.FS(), name)
	if err == nil {
		return found{name: name, data: data}
	}
	page, err := fs.ReadFile(root.FS(), "404.html")
	if err != nil {
		page = nil
	}
	if replaced(root, dir) {
		return found{swapped: true}
	}
	return found{name: name, missing: true, notFound: page}
}

// replaced reports whether the folder now at dir is not the one open as root.
func replaced(root *os.Root, dir string) bool {
	opened, err := root.Stat(".")
	if err != nil {
		return true
	}
	now, err := os.Stat(dir)
	return err != nil || !os.SameFile(opened, now)
}

// tag returns the script element that Run adds to every HTML page it serves,
// for the page built by the given build.
func tag(build string) string {
	return `<script src="/__dossier/reload.js" data-build="` + template.HTMLEscapeString(build) + `"></script>`
}

// inject adds the live-reload script before the page's last </body>, or at
// its end when it has none (the end tag is optional in HTML).
func inject(page []byte, build string) []byte {
	t := tag(build)
	at := lastBodyEnd(page)
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(t))
	out = append(out, page[:at]...)
	out = append(out, t...)
	return append(out, page[at:]...)
}

// lastBodyEnd returns where the last "</body" (in any case) starts, or -1.
func lastBodyEnd(page []byte) int {
	const end = "</body"
	for i := bytes.LastIndexByte(page, '<'); i >= 0; i = bytes.LastIndexByte(page[:i], '<') {
		if len(page)-i >= len(end) && asciiEqualFold(page[i:i+len(end)], end) {
			return i
		}
	}
	return -1
}

// asciiEqualFold compares b with the lower-case ASCII string s, ignoring
// the case of ASCII letters only, so that byte offsets stay exact.
func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// notBuilt answers when there is no site on disk: the first build failed
// and none was built before. The page shows the build's problems like any
// other and reloads when a build succeeds.
func notBuilt(w http.ResponseWriter, build string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write(inject([]byte(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Not built yet</title>
<body>
<p>The site has not been built yet. This page reloads when a build succeeds.</p>
</body>
</html>
`), build))
}
