package build

import (
	"encoding/binary"
	"fmt"
	"html/template"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/render"
)

// The printable page's bodies, as HTML by key (render.PrintCache), are kept
// between builds in a sealed file beside the manifest (site-<hash>.print),
// so that a build after an edit renders only the bodies that changed. The
// body is the program's version (cache.Version; another version's file is
// ignored), then per body its 32-byte key, the HTML's length (a uvarint)
// and the HTML.

const printFormat = "dossier-print-2"

func (b *builder) printFile() string { return b.siteFile(".print") }

// usePrintCache gives the build a printable page's cache that starts from
// the file's: the session's, or one of its own for a build that is the
// process's only one. (The file is read by the first render of the cache,
// which this build or a later one of the session makes.) Without a cache
// folder it has none.
func (b *builder) usePrintCache(s *Session) {
	if b.o.CacheDir == "" {
		return
	}
	if s.once {
		b.print = &render.PrintCache{}
	}
	b.print.Load = func() map[render.Key]template.HTML {
		html, err := loadPrint(b.printFile(), b.version)
		if err != nil {
			b.warn(fmt.Errorf("cache: %s: unreadable (%v); rendering the printable page's bodies again", b.printFile(), err))
		}
		return html
	}
}

// savePrint keeps what the printable page's render made, when this build
// made the page; failing to is a warning.
func (b *builder) savePrint() {
	html, made := b.print.Made()
	if b.o.CacheDir == "" || !made {
		return
	}
	if err := writePrint(b.printFile(), b.version, html); err != nil {
		b.warn(fmt.Errorf("cache: %w", err))
	}
}

// writePrint keeps the bodies' HTML in file for later builds of the
// program version (loadPrint).
func writePrint(file, version string, html map[render.Key]template.HTML) error {
	size := len(version) + binary.MaxVarintLen64
	for _, h := range html {
		size += len(render.Key{}) + binary.MaxVarintLen64 + len(h)
	}
	body := binary.AppendUvarint(make([]byte, 0, size), uint64(len(version)))
	body = append(body, version...)
	for k, h := range html {
		body = append(binary.AppendUvarint(append(body, k[:]...), uint64(len(h))), h...)
	}
	return cache.WriteSealed(file, printFormat, body)
}

// loadPrint reads the bodies' HTML kept in file by a build of the program
// version; none when the file is missing or another version's.
func loadPrint(file, version string) (map[render.Key]template.HTML, error) {
	data, ok, err := cache.ReadSealed(file, printFormat)
	if err != nil || !ok {
		return nil, err
	}
	d := decoder{b: data}
	if d.literal() != version {
		return nil, nil // another program's bodies
	}
	html := map[render.Key]template.HTML{}
	for d.err == nil && len(d.b) > 0 {
		k := render.Key(d.bytes(32))
		html[k] = template.HTML(d.bytes(d.count()))
	}
	if d.err != nil {
		return nil, d.err
	}
	return html, nil
}
