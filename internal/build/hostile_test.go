package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/testtree"
)

// hostileProject is the fixture site plus testdata/hostile: a seed, its
// metadata and pages whose text, front matter and bodies try <script>,
// event handlers, javascript: and data: links, and "../".
func hostileProject(t *testing.T) string {
	t.Helper()
	dir := project(t)
	testtree.Copy(t, "testdata/hostile", dir)
	return dir
}

// outside snapshots every file of the project except public/, the build
// cache and the publish stage's work folder beside public/ (its spare copy of
// the site and its lock), to show that a build writes nowhere else.
func outside(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	all := testtree.Read(t, dir)
	for p := range all {
		// The cache is written on purpose, by name, whatever the content says.
		if strings.HasPrefix(p, "public/") || strings.HasPrefix(p, cache.Dir+"/") || strings.HasPrefix(p, ".public.publish/") {
			delete(all, p)
		}
	}
	return all
}

// dangerousURL reports whether a URL attribute would run code or smuggle a
// document: javascript:, vbscript: or data:, however it is spaced or cased.
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1 // browsers ignore control characters and white space in schemes
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}

var urlAttrs = map[string]bool{"href": true, "src": true, "srcset": true, "action": true, "formaction": true,
	"xlink:href": true, "poster": true, "data": true, "background": true, "cite": true}

// textOf returns the text content of a node.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// ownElement reports whether n is one the layouts put on every page: the
// site's script file (empty, loaded from assets/) or the header's search form.
func ownElement(n *html.Node) bool {
	attr := map[string]string{}
	for _, a := range n.Attr {
		attr[strings.ToLower(a.Key)] = a.Val
	}
	switch n.Data {
	case "script":
		return n.FirstChild == nil && len(attr) == 2 && strings.HasSuffix(attr["src"], "assets/dossier.js") &&
			!strings.Contains(attr["src"], ":") && attr["defer"] == ""
	case "form":
		return attr["role"] == "search" && strings.HasSuffix(attr["action"], "search/index.html") && !strings.Contains(attr["action"], ":")
	}
	return false
}

func byID(doc *html.Node, id string) *html.Node {
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	return nil
}

// TestHostileMarkupDoesNotSurvive builds the hostile site and parses every
// page: no script element, no event-handler attribute, no javascript: or
// data: URL, no embedding element; seed text shows as text; every page sets
// the Content-Security-Policy; nothing is written outside public/.
func TestHostileMarkupDoesNotSurvive(t *testing.T) {
	dir := hostileProject(t)
	pub := filepath.Join(dir, "public")
	before := outside(t, dir)
	res, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	require.Equal(t, 2, res.Sources, "the hostile seed is part of the site")
	assert.Equal(t, before, outside(t, dir), "the build writes nothing outside public/ and its cache")

	pages := 0
	docs := map[string]*html.Node{}
	err = filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(pub, p)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		doc, err := html.Parse(bytes.NewReader(b))
		require.NoError(t, err, rel)
		docs[filepath.ToSlash(rel)] = doc
		pages++
		csp := ""
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "script", "iframe", "object", "embed", "base", "form":
				if !ownElement(n) {
					t.Errorf("%s: a <%s> element survived: %s", rel, n.Data, textOf(n))
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("%s: <%s> has an event handler %s=%q", rel, n.Data, a.Key, a.Val)
				}
				if urlAttrs[key] && dangerousURL(a.Val) {
					t.Errorf("%s: <%s %s=%q> links a script or data URL", rel, n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "meta" {
				var equiv, content string
				for _, a := range n.Attr {
					switch strings.ToLower(a.Key) {
					case "http-equiv":
						equiv = strings.ToLower(a.Val)
					case "content":
						content = a.Val
					}
				}
				if equiv == "content-security-policy" {
					csp = content
				}
			}
		}
		assert.True(t, strings.HasPrefix(csp, "default-src 'self'"), "%s: Content-Security-Policy %q starts with default-src 'self'", rel, csp)
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, pages, 20, "every page was parsed")

	// Seed text is shown as text, exactly as the seed has it.
	src := docs["sources/001/index.html"]
	require.NotNil(t, src)
	for id, want := range map[string]string{
		"L1": `<script>alert("seed")</script> Hostile headline`,
		"L3": `A caption <img src=x onerror=alert(1)> and a link javascript:alert(1) said 12 people were hurt.`,
		"L5": `"><svg onload=alert(1)> data:text/html;base64,`,
	} {
		n := byID(src, id)
		require.NotNil(t, n, "sources/001/index.html has #%s", id)
		assert.Contains(t, textOf(n), want, "line %s of the hostile seed reads as text", id)
	}
	assert.Contains(t, textOf(src), `<script>alert("title")</script> Hostile`, "the article title reads as text")
	assert.Contains(t, textOf(src), `"><img src=x onerror=alert(1)>`, "the publisher reads as text")

	actor := docs["actors/evil-actor/index.html"]
	require.NotNil(t, actor)
	assert.Contains(t, textOf(actor), "<script>alert('name')</script> Evil", "the actor's name reads as text")
	assert.Contains(t, textOf(actor), "<script>alert('label')</script>", "a wikilink label reads as text")
	assert.Contains(t, textOf(actor), "and a link javascript:alert(1) said 12", "a citation's tooltip quotes the seed as text")
	assert.NotContains(t, textOf(actor), "Raw <script>", "raw HTML in a body is dropped, not shown")
}

// TestHostileFileNamesAreRefused gives pages file names that try to leave
// their folder or carry markup: the build refuses them by name and writes
// nothing, inside public/ or out of it.
func TestHostileFileNamesAreRefused(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	pub := filepath.Join(dir, "public")
	site := testtree.Read(t, pub)
	page := []byte("---\nname: X\nkind: person\nside: other\nrole: r\n---\nText [@000:8].\n")
	// Names starting with "." are hidden files, ignored like .DS_Store; the
	// others are refused by name.
	for _, name := range []string{"..%2f..%2fescape.md", "...md", "a..b.md", "%2e%2e.md", "<script>alert(1)<%2fscript>.md", "a b.md"} {
		writeFile(filepath.Join("content/actors", name), page)(t, dir)
	}
	before := outside(t, dir)

	_, stderr, err = buildAt(dir, "", "")
	require.Error(t, err)
	for _, name := range []string{"a..b.md", "%2e%2e.md", "<script>alert(1)<%2fscript>.md", "a b.md"} {
		assert.Contains(t, lines(stderr), fmt.Sprintf("content/actors/%s: file name %q is not a slug: use lower-case letters, digits and hyphens (e.g. khawaja-asif.md)", name, name))
	}
	assert.NotContains(t, stderr, "escape", "hidden files are ignored")
	assert.Equal(t, site, testtree.Read(t, pub), "public/ is unchanged")
	assert.Equal(t, before, outside(t, dir), "nothing is written outside public/")
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	for _, e := range entries {
		assert.Equal(t, filepath.Base(dir), e.Name(), "nothing appears beside the project")
	}
}
