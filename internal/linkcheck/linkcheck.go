// Package linkcheck verifies a built site on disk: every href and src in
// every HTML page resolves to a file in the site, every #fragment names an
// id on its target page, no link is root-absolute ("/x" breaks under a
// project path and from file://), and no asset is loaded from another host.
// Links to other hosts are allowed in <a href> only.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Report is what a check found.
type Report struct {
	Pages    int      // HTML pages read
	Links    int      // href and src values checked
	Problems []string // "page: message", sorted
}

type pageInfo struct {
	ids   map[string]bool
	links []ref
}

type ref struct {
	tag, attr, value string
}

// Check reads every file under dir.
func Check(dir string) (Report, error) {
	fsys := os.DirFS(dir)
	pages := map[string]*pageInfo{}
	files := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			files[p+"/"] = true
			return nil
		}
		files[p] = true
		if strings.HasSuffix(p, ".html") {
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			info, err := parse(b)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			pages[p] = info
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	var rep Report
	rep.Pages = len(pages)
	names := make([]string, 0, len(pages))
	for p := range pages {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		for _, l := range pages[p].links {
			rep.Links++
			if msg := check(p, l, files, pages); msg != "" {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: <%s %s=%q>: %s", p, l.tag, l.attr, l.value, msg))
			}
		}
	}
	return rep, nil
}

func check(page string, l ref, files map[string]bool, pages map[string]*pageInfo) string {
	v := strings.TrimSpace(l.value)
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return "not a valid URL"
	case u.Scheme == "mailto":
		return ""
	case u.Scheme != "" || strings.HasPrefix(v, "//"):
		if l.tag == "a" && (u.Scheme == "http" || u.Scheme == "https") {
			return ""
		}
		return "loads from outside the site"
	case strings.HasPrefix(v, "/"):
		return "root-absolute link; use a relative one"
	}
	target := page
	if u.Path != "" {
		target = path.Join(path.Dir(page), u.Path)
		if strings.HasPrefix(target, "../") || target == ".." {
			return "points outside the site"
		}
		if strings.HasSuffix(u.Path, "/") {
			if !files[target+"/"] {
				return "no such folder"
			}
			return "folder link; name index.html so the link works from file://"
		}
		if !files[target] {
			if files[target+"/"] {
				return "folder link; name index.html so the link works from file://"
			}
			return "no such file"
		}
	}
	if u.Fragment != "" {
		info := pages[target]
		if info == nil {
			return "fragment on a page that is not HTML"
		}
		if !info.ids[u.Fragment] {
			return fmt.Sprintf("no id %q on %s", u.Fragment, target)
		}
	}
	return ""
}

func parse(b []byte) (*pageInfo, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	info := &pageInfo{ids: map[string]bool{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
				info.ids[a.Val] = true
			case a.Key == "href" && n.Data != "base", a.Key == "src":
				info.links = append(info.links, ref{n.Data, a.Key, a.Val})
			}
		}
	}
	return info, nil
}
