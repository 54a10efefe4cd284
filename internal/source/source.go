// Package source reads the seed documents a dossier is built from.
//
// # Seeds
//
// A seed is a UTF-8 text file in seeds/ named NNN_<hex>.txt, one paragraph per
// line. Its ID is the numeric prefix: three digits ("000"), and past 999 the
// number itself ("1000"; see IDForm); seeds are ordered by number. Line N is
// the file's Nth line, counting from 1, and never changes: citations such as
// [@000:42] depend on it.
// A byte-order mark and CRLF line endings are accepted and do not shift lines.
// NUL bytes, an empty file and a line longer than MaxLine bytes are errors
// naming the file and line; a file that is not UTF-8 is one error naming its
// first bad byte and how to ingest it (the message of EncodingError, which
// ingest gives for the same file).
//
// # Articles
//
// One seed may hold several articles back to back. Split detects their
// boundaries from headline blocks ("Published On …", "Updated …", a headline
// repeated a few lines further down), datelines ("Islamabad, Pakistan – …") and
// shifts of vocabulary between neighbouring paragraphs. seeds/sources.yaml
// overrides detection per seed:
//
//	"000":
//	  file: 000_8741ecd105d00a77.txt   # optional; checked against the seed's name
//	  ingested: 2025-11-20             # optional; when the seed entered the dossier
//	  articles:
//	    - lines: 1-8                   # first-last line; together the articles cover the seed
//	      title: Magnitude 6.3 earthquake shakes northern Afghanistan
//	      publisher: Al Jazeera        # optional
//	      published: 2025-11-03        # YYYY-MM-DD, YYYY-MM, YYYY or null when unknown
//	      url: https://…               # optional
//	      note: how the date was established, duplicated paragraphs, …
//
// # Boilerplate and repeats
//
// Lines such as "Recommended Stories", "list of 3 itemsend of list", "Share" or
// a photo caption ending in a credit "[Name/Agency]" are kept, so line numbers
// stay true, but marked with the reason they are not content. A paragraph that
// repeats an earlier one in the same seed records the earlier line number.
package source

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unsafe"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/parallel"
)

// Dir is the folder, relative to the project root, that holds the seeds.
const Dir = "seeds"

// MetaFile is the curated metadata file inside Dir.
const MetaFile = "sources.yaml"

// Corpus is every seed of a dossier, in ID order.
type Corpus struct {
	Seeds    []*Seed
	MetaSum  [32]byte // SHA-256 of seeds/sources.yaml, or zero when there is none
	byID     map[string]*Seed
	rejected map[string]string // ID → path of a seed file that could not be used
}

// Seed is one source document.
type Seed struct {
	ID       string
	File     string    // base name, e.g. 000_8741ecd105d00a77.txt
	Lines    []Line    // Lines[i] is line i+1
	Articles []Article // in line order, covering every line
	Ingested date.Date // from sources.yaml; zero when not recorded
	Sum      [32]byte  // SHA-256 of the file as read
}

// Line is one paragraph of a seed.
type Line struct {
	N           int
	Text        string
	Boilerplate string // why the line is not content ("navigation", "caption", …); "" for content
	DuplicateOf int    // the earlier line this paragraph repeats, or 0
}

// Article is a run of lines that one publication printed as one piece.
type Article struct {
	First, Last int
	Title       string
	Publisher   string
	Published   date.Date
	URL         string
	Note        string
	Curated     bool // metadata came from sources.yaml rather than detection
}

// IsContent reports whether the line carries text a page could cite.
func (l Line) IsContent() bool {
	return l.Boilerplate == "" && l.DuplicateOf == 0 && strings.TrimSpace(l.Text) != ""
}

// MayMention reports whether names on the line count as mentions: a line of
// the article, repeated or not, or a photo caption; not page furniture.
func (l Line) MayMention() bool {
	return l.Boilerplate == "" || l.Boilerplate == Caption
}

// NewCorpus makes a corpus of already loaded seeds, for example a part of
// another corpus; the seeds are shared, not copied.
func NewCorpus(seeds []*Seed) *Corpus {
	c := &Corpus{Seeds: seeds, byID: map[string]*Seed{}}
	for _, s := range seeds {
		c.byID[s.ID] = s
	}
	return c
}

// Seed returns the seed with the given ID, or nil.
func (c *Corpus) Seed(id string) *Seed { return c.byID[id] }

// Line returns line n of the seed, or false when it does not exist.
func (s *Seed) Line(n int) (Line, bool) {
	if n < 1 || n > len(s.Lines) {
		return Line{}, false
	}
	return s.Lines[n-1], true
}

// Article returns the article holding line n, or nil.
func (s *Seed) Article(n int) *Article {
	i := sort.Search(len(s.Articles), func(i int) bool { return s.Articles[i].Last >= n })
	if i < len(s.Articles) && s.Articles[i].First <= n {
		return &s.Articles[i]
	}
	return nil
}

// Path is the seed's path relative to the project root.
func (s *Seed) Path() string { return path.Join(Dir, s.File) }

// seedID returns the ID of a seed's file name, NNN_<hex>.txt (IDForm, then
// lowercase hexadecimal digits), or false.
func seedID(name string) (string, bool) {
	stem, ok := strings.CutSuffix(name, ".txt")
	id, hex, _ := strings.Cut(stem, "_")
	if !ok || !IsID(id) || hex == "" || strings.Trim(hex, "0123456789abcdef") != "" {
		return "", false
	}
	return id, true
}

// File is one seed file as found in seeds/: its ID, base name and bytes.
type File struct {
	ID, Name string
	Data     []byte
	Sum      [32]byte // SHA-256 of Data when the file system knew it (see Summer), or zero
	Err      error    // reading failed
	// Shared: Data is the file system's own copy (see Sharer), which no one
	// changes, so the seed's lines may be parts of it rather than of a copy.
	Shared bool
}

// Summer is a file system that knows the SHA-256 of the files it holds, so
// that reading a seed or a page need not hash it again.
type Summer interface {
	Sum(name string) ([32]byte, bool)
}

// Sharer is a file system that holds the bytes of its files and never
// changes them: a reader that does not change them either may use them
// without a copy. A seed's lines are then parts of the bytes read, not of a
// copy of each file.
type Sharer interface {
	// Shared returns the bytes of name, which the caller must not change.
	Shared(name string) ([]byte, bool)
}

// Parsed is what Parse made of a File.
type Parsed struct {
	Seed     *Seed // nil when the file cannot be used
	Problems diag.List
}

// Load reads every seed in fsys's seeds/ folder and seeds/sources.yaml, one
// file after another. Problems are returned, not thrown: a seed that cannot
// be read is left out and reported; the rest still load. A caller that wants
// the files parsed in parallel calls ReadFiles, Parse and Assemble itself.
func Load(fsys fs.FS) (*Corpus, diag.List) {
	folder := ReadFolder(fsys)
	parsed := make([]Parsed, len(folder.Files))
	for i, f := range folder.Files {
		parsed[i] = ParseFile(f)
	}
	return Assemble(fsys, folder, parsed)
}

// Folder is the seeds/ folder as read: its seed files in folder order and
// the problems of reading it.
type Folder struct {
	Files      []File
	Problems   diag.List // an unreadable folder, files whose names are not seed names
	Unreadable bool
}

// ReadFolder reads the seed files of fsys's seeds/ folder, in folder order,
// reporting files whose names are not seed names (they are left out).
func ReadFolder(fsys fs.FS) Folder {
	var problems diag.List
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		problems.Add(diag.Errorf(Dir, 0, "cannot read the seeds folder: %v (create %s/ and put NNN_<hex>.txt files in it)", err, Dir))
		return Folder{Problems: problems, Unreadable: true}
	}
	var files []File
	for _, e := range entries {
		name := e.Name()
		p := path.Join(Dir, name)
		switch {
		case name == MetaFile || strings.HasPrefix(name, "."):
			continue
		case e.IsDir():
			problems.Add(diag.Warnf(p, 0, "unexpected folder in %s/; ignored", Dir))
			continue
		}
		id, ok := seedID(name)
		if !ok {
			problems.Add(diag.Errorf(p, 0, "unexpected file name: seeds are named NNN_<hex>.txt (use `dossier ingest %s` to add a document)", name))
			continue
		}
		files = append(files, File{ID: id, Name: name})
	}
	// The files are read on every core (fsys must allow it, as os.DirFS
	// and the build's snapshot do): read one at a time, thousands of them
	// kept a core idle before the seeds are parsed.
	sh, sharing := fsys.(Sharer)
	parallel.Each(len(files), func(i int) {
		f := &files[i]
		p := path.Join(Dir, f.Name)
		if sharing {
			f.Data, f.Shared = sh.Shared(p)
		}
		if !f.Shared {
			f.Data, f.Err = fs.ReadFile(fsys, p)
		}
		if sm, ok := fsys.(Summer); ok && f.Err == nil {
			if sum, ok := sm.Sum(p); ok {
				f.Sum = sum
			}
		}
	})
	return Folder{Files: files, Problems: problems}
}

// ParseFile parses a file that could be read; see Parse.
func ParseFile(f File) Parsed {
	if f.Err != nil {
		return Parsed{}
	}
	s, ps := Parse(f.ID, f.Name, f.Data)
	return Parsed{Seed: s, Problems: ps}
}

// Assemble makes the corpus of the folder's files (parsed[i] is ParseFile
// of folder.Files[i]) and applies seeds/sources.yaml; the problems include
// the folder's. Files are taken in folder order, as if one by one: a seed
// whose ID an accepted seed already has is refused, and its own problems are
// not reported.
func Assemble(fsys fs.FS, folder Folder, parsed []Parsed) (*Corpus, diag.List) {
	return AssembleMeta(folder, parsed, ReadMeta(fsys))
}

// Meta is seeds/sources.yaml as ReadMeta read it, for AssembleMeta.
type Meta struct {
	seeds    map[string]*seedMeta
	sum      [32]byte
	problems diag.List
}

// ReadMeta reads seeds/sources.yaml of fsys. It may run while the seeds are
// parsed.
func ReadMeta(fsys fs.FS) Meta {
	m, sum, ps := readMeta(fsys)
	return Meta{m, sum, ps}
}

// AssembleMeta is Assemble with sources.yaml already read.
func AssembleMeta(folder Folder, parsed []Parsed, md Meta) (*Corpus, diag.List) {
	problems := append(diag.List{}, folder.Problems...)
	c := &Corpus{byID: map[string]*Seed{}, rejected: map[string]string{}}
	if folder.Unreadable {
		return c, problems
	}
	for i, f := range folder.Files {
		p := path.Join(Dir, f.Name)
		if other := c.byID[f.ID]; other != nil {
			problems.Add(diag.Errorf(p, 0, "seed ID %s is also used by %s; rename one of them", f.ID, other.Path()))
			continue
		}
		if f.Err != nil {
			problems.Add(diag.Errorf(p, 0, "cannot read: %v", f.Err))
			continue
		}
		problems.Add(parsed[i].Problems...)
		if parsed[i].Seed == nil {
			c.rejected[f.ID] = p
			continue
		}
		c.Seeds = append(c.Seeds, parsed[i].Seed)
		c.byID[f.ID] = parsed[i].Seed
	}
	sort.Slice(c.Seeds, func(i, j int) bool { return CompareIDs(c.Seeds[i].ID, c.Seeds[j].ID) < 0 })
	if len(c.Seeds) == 0 && problems.Errors() == 0 {
		problems.Add(diag.Errorf(Dir, 0, "no seeds found: add NNN_<hex>.txt files (or run `dossier ingest FILE`)"))
	}

	meta := md.seeds
	c.MetaSum = md.sum
	problems.Add(md.problems...)
	for _, s := range c.Seeds {
		if m, ok := meta[s.ID]; ok {
			problems.Add(m.apply(s)...)
		}
	}
	for id, m := range meta {
		if c.byID[id] == nil && c.rejected[id] == "" {
			problems.Add(diag.Errorf(path.Join(Dir, MetaFile), m.line, "metadata for seed %s, but there is no seed %s_*.txt", id, id))
		}
	}
	return c, problems
}

// Parse reads one seed file's bytes into a seed with its lines marked and
// its articles detected; sources.yaml is not consulted. It returns nil and
// the problems when the file cannot be used. Parse is Read, then Mark.
func Parse(id, name string, data []byte) (*Seed, diag.List) {
	s, ps := Read(id, name, data)
	if s != nil {
		s.Mark()
	}
	return s, ps
}

// Read decodes one seed file's bytes into a seed holding its lines, none
// marked yet and no articles; it returns nil and the problems when the file
// cannot be used. A caller that kept what Mark found for the same bytes
// (Seed.Sum) may restore it instead of calling Mark.
func Read(id, name string, data []byte) (*Seed, diag.List) {
	return read(id, name, data, string(data), sha256.Sum256(data))
}

// ReadFile is Read of a file ReadFolder read, taking its SHA-256 from the
// file when the folder's file system knew it.
func ReadFile(f File) (*Seed, diag.List) {
	sum := f.Sum
	if sum == ([32]byte{}) {
		sum = sha256.Sum256(f.Data)
	}
	text := ""
	if f.Shared {
		text = unsafe.String(unsafe.SliceData(f.Data), len(f.Data)) // bytes no one changes
	} else {
		text = string(f.Data)
	}
	return read(f.ID, f.Name, f.Data, text, sum)
}

// read makes the seed of a file's bytes, data, and the same bytes as text.
func read(id, name string, data []byte, text string, sum [32]byte) (*Seed, diag.List) {
	texts, ps := decode(path.Join(Dir, name), data, text)
	if texts == nil {
		return nil, ps
	}
	s := &Seed{ID: id, File: name, Lines: make([]Line, len(texts)), Sum: sum}
	for i, t := range texts {
		s.Lines[i] = Line{N: i + 1, Text: t}
	}
	return s, ps
}

// Mark marks the boilerplate and repeated lines of a seed Read returned and
// detects its articles. What it sets (each line's Boilerplate and
// DuplicateOf, and Articles) depends only on the text of the lines.
func (s *Seed) Mark() {
	markBoilerplate(s.Lines)
	markDuplicates(s.Lines)
	s.Articles = Split(s.Lines)
}

// Describe gives "title, publisher, date" for the article holding line n,
// the way a reference list shows it.
func (s *Seed) Describe(n int) string {
	a := s.Article(n)
	if a == nil {
		return "untitled text"
	}
	return a.Describe()
}

// Describe gives "title, publisher, date" of the article, the way a
// reference list shows it. A title ending in a question or exclamation mark
// takes no comma after it ("Why now? Dawn, 2 November 2025"), as style
// guides have it.
func (a *Article) Describe() string {
	var b strings.Builder
	b.WriteString(a.Title)
	next := func(part string) {
		if !strings.HasSuffix(b.String(), "?") && !strings.HasSuffix(b.String(), "!") {
			b.WriteByte(',')
		}
		b.WriteString(" " + part)
	}
	if a.Publisher != "" {
		next(a.Publisher)
	}
	if a.Published.IsZero() {
		next("date unknown")
	} else {
		next(a.Published.Human())
	}
	return b.String()
}
