package content

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/strictyaml"
)

// FuzzLoadPage loads arbitrary bytes as an actor, an event and a figure page:
// loading may report problems but must never panic, and every problem names
// the file.
func FuzzLoadPage(f *testing.F) {
	f.Add([]byte("---\nname: A\nkind: person\nside: pakistan\n---\nBody [@000:1]\n"))
	f.Add([]byte("---\ntitle: E\ndate: 2025-10\nprecision: day\n---\n"))
	f.Add([]byte("---\nvalue: [1, 2\n---\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("no front matter"))
	f.Add([]byte("---\r\nname: A\r\n---\r\n[[x|y]] [@000:1-2; @001:3]"))
	md := markdown.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []string{"content/actors/a.md", "content/timeline/e.md", "content/figures/f.md", "content/topics/t.md"} {
			_, problems := Load(fstest.MapFS{p: {Data: data}}, md)
			for _, pr := range problems {
				if pr.File == "" {
					t.Fatalf("problem without a file for %q: %v", data, pr)
				}
			}
		}
	})
}

// FuzzSplitFrontMatter checks the front-matter splitter on arbitrary bytes:
// it never panics, and when it accepts a page the body it returns is the end
// of the file and starts on the file line it reports, so problems found in
// the body point at the right line.
func FuzzSplitFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: A\n---\nbody\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n\r\nbody\r\n"))
	f.Add([]byte("---\n---\nbody"))
	f.Add([]byte("---\ntitle: A\n---"))
	f.Add([]byte("---\ntitle: A\n"))
	f.Add([]byte("title: A\n---\n"))
	f.Add([]byte("---\na: |\n  ---\n---\n---\nx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, body, bodyLine, err := splitFrontMatter(data)
		if err != nil {
			if fm != nil || body != nil {
				t.Fatalf("splitFrontMatter(%q) failed (%v) but returned parts", data, err)
			}
			return
		}
		norm := bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\r\n"), []byte("\n"))
		if !bytes.HasSuffix(norm, body) {
			t.Fatalf("splitFrontMatter(%q): body %q is not the end of the file", data, body)
		}
		if !bytes.Contains(norm, fm) {
			t.Fatalf("splitFrontMatter(%q): front matter %q is not in the file", data, fm)
		}
		if len(body) > 0 {
			if want := bytes.Count(norm[:len(norm)-len(body)], []byte("\n")) + 1; bodyLine != want {
				t.Fatalf("splitFrontMatter(%q): body starts on line %d, reported %d", data, want, bodyLine)
			}
		}
		// The YAML is decoded with its own line numbers shifted to file lines; it must not panic either.
		_, _ = strictyaml.Decode("f.md", 2, fm, &Figure{}, "")
	})
}
