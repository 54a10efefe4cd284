package source

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/strictyaml"
)

// seedMeta is one seed's entry in sources.yaml.
type seedMeta struct {
	File     string        `yaml:"file"`
	Ingested date.Date     `yaml:"ingested"`
	Articles []articleMeta `yaml:"articles"`
	line     int
}

type articleMeta struct {
	Lines     lineRange `yaml:"lines"`
	Title     string    `yaml:"title"`
	Publisher string    `yaml:"publisher"`
	Published date.Date `yaml:"published"`
	URL       string    `yaml:"url"`
	Note      string    `yaml:"note"`
}

// lineRange is "first-last" (or one number) with the YAML line it came from.
type lineRange struct{ First, Last, Line int }

func (r *lineRange) UnmarshalYAML(n *yaml.Node) error {
	first, last, ok := parseRange(n.Value)
	if n.Kind != yaml.ScalarNode || !ok {
		return fmt.Errorf("lines must look like 12-40")
	}
	r.First, r.Last, r.Line = first, last, n.Line
	return nil
}

// parseRange reads "12-40", "12 - 40" or "12" (around it, space).
func parseRange(s string) (first, last int, ok bool) {
	a, b, ranged := strings.Cut(strings.TrimSpace(s), "-")
	a, b = strings.TrimRight(a, spaces), strings.TrimLeft(b, spaces)
	if !digits(a) || ranged && !digits(b) {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(a)
	last = first
	if ranged {
		last, _ = strconv.Atoi(b)
	}
	return first, last, true
}

// spaces are what \s matches in a regular expression of package regexp.
const spaces = "\t\n\f\r "

// readMeta decodes seeds/sources.yaml; a missing file is not a problem.
func readMeta(fsys fs.FS) (map[string]*seedMeta, [32]byte, diag.List) {
	file := path.Join(Dir, MetaFile)
	data, err := fs.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, [32]byte{}, nil
	}
	if err != nil {
		return nil, [32]byte{}, diag.List{diag.Errorf(file, 0, "cannot read: %v", err)}
	}
	meta, problems := decodeMeta(file, data)
	return meta, sha256.Sum256(data), problems
}

// decodeMeta decodes the bytes of sources.yaml.
func decodeMeta(file string, data []byte) (map[string]*seedMeta, diag.List) {
	// The keys are checked first: a key that is not a seed ID is the usual
	// mistake, and decoding would only say it holds the wrong kind of value.
	root, err := strictyaml.Parse(data)
	if err != nil {
		var meta map[string]*seedMeta
		_, problems := strictyaml.Decode(file, 1, data, &meta, "") // says where the syntax error is
		return nil, problems
	}
	if len(root.Content) > 0 {
		top := root.Content[0]
		if top.Kind != yaml.MappingNode {
			return nil, diag.List{diag.Errorf(file, top.Line, `expected a mapping from seed ID ("000") to its metadata`)}
		}
		var problems diag.List
		for i := 0; i+1 < len(top.Content); i += 2 {
			if k := top.Content[i]; !IsID(k.Value) {
				problems.Add(diag.Errorf(file, k.Line, "%q is not a seed ID; use the three-digit prefix of the seed file, quoted: \"000\"", k.Value))
			}
		}
		if len(problems) > 0 {
			return nil, problems
		}
	}
	meta := map[string]*seedMeta{}
	dec, problems := strictyaml.DecodeTree(file, 1, root, &meta, "")
	if len(problems) > 0 {
		return nil, problems
	}
	for id, line := range dec.Lines {
		if meta[id] == nil { // `"000":` with nothing after it decodes to nil
			meta[id] = &seedMeta{}
		}
		meta[id].line = line
	}
	return meta, problems
}

// apply replaces detected articles with curated ones after checking that they
// cover the seed exactly once.
func (m *seedMeta) apply(s *Seed) diag.List {
	file := path.Join(Dir, MetaFile)
	var problems diag.List
	if m.File != "" && m.File != s.File {
		problems.Add(diag.Errorf(file, m.line, "seed %s is %s, not %s", s.ID, s.File, m.File))
	}
	s.Ingested = m.Ingested
	if len(m.Articles) == 0 {
		return problems
	}
	var arts []Article
	next := 1
	for _, a := range m.Articles {
		r := a.Lines
		switch {
		case r.Line == 0:
			problems.Add(diag.Errorf(file, m.line, "seed %s: an article has no lines: range", s.ID))
			return problems
		case r.First > r.Last:
			problems.Add(diag.Errorf(file, r.Line, "seed %s: reversed range %d-%d; write first-last", s.ID, r.First, r.Last))
			return problems
		case r.First != next:
			problems.Add(diag.Errorf(file, r.Line, "seed %s: article starts at line %d but line %d is the next not yet covered; articles must cover the seed in order with no gaps or overlaps", s.ID, r.First, next))
			return problems
		case r.Last > len(s.Lines):
			problems.Add(diag.Errorf(file, r.Line, "seed %s: line %d is past the end of the seed (%d lines)", s.ID, r.Last, len(s.Lines)))
			return problems
		}
		title := strings.TrimSpace(a.Title)
		if title == "" {
			title = describe(s.Lines, r.First, r.Last).Title
		}
		arts = append(arts, Article{First: r.First, Last: r.Last, Title: title, Publisher: a.Publisher,
			Published: a.Published, URL: a.URL, Note: strings.TrimSpace(a.Note), Curated: true})
		next = r.Last + 1
	}
	if next != len(s.Lines)+1 {
		problems.Add(diag.Errorf(file, m.line, "seed %s: articles end at line %d but the seed has %d lines", s.ID, next-1, len(s.Lines)))
		return problems
	}
	s.Articles = arts
	return problems
}
