package content

import (
	"testing"
	"testing/fstest"

	"github.com/dossier-project/dossier/internal/markdown"
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
