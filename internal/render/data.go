package render

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

// The data export, public/data/dossier.json: the same facts as the pages,
// sorted, with URLs relative to the site root (directory form, as a server
// resolves them).

type dataFile struct {
	Sources []dataSource `json:"sources"`
	Actors  []dataActor  `json:"actors"`
	Events  []dataEvent  `json:"events"`
	Figures []dataFigure `json:"figures"`
	Topics  []dataTopic  `json:"topics"`
	Inbox   []InboxItem  `json:"inbox"`
}

type dataSource struct {
	ID       string        `json:"id"`
	File     string        `json:"file"`
	URL      string        `json:"url"`
	Ingested *date.Date    `json:"ingested,omitempty"`
	Articles []dataArticle `json:"articles"`
}

type dataArticle struct {
	FirstLine int       `json:"first_line"`
	LastLine  int       `json:"last_line"`
	Title     string    `json:"title"`
	Publisher string    `json:"publisher"`
	Published date.Date `json:"published"`
	Curated   bool      `json:"curated"`
}

type dataActor struct {
	Slug      string   `json:"slug"`
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases"`
	Kind      string   `json:"kind"`
	Side      string   `json:"side"`
	Role      string   `json:"role"`
	URL       string   `json:"url"`
	Citations []string `json:"citations"`
	Mentions  []string `json:"mentions"`
}

type dataEvent struct {
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Date      date.Date `json:"date"`
	Precision string    `json:"precision"`
	Actors    []string  `json:"actors"`
	Topics    []string  `json:"topics"`
	URL       string    `json:"url"`
	Citations []string  `json:"citations"`
	Reviewed  bool      `json:"reviewed"`
}

type dataFigure struct {
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Value     float64   `json:"value"`
	Qualifier string    `json:"qualifier"`
	Unit      string    `json:"unit"`
	AsOf      date.Date `json:"as_of"`
	ClaimedBy string    `json:"claimed_by"`
	Measure   string    `json:"measure"`
	Source    string    `json:"source"`
	URL       string    `json:"url"`
	Reviewed  bool      `json:"reviewed"`
}

type dataTopic struct {
	Slug      string   `json:"slug"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Actors    []string `json:"actors"`
	URL       string   `json:"url"`
	Citations []string `json:"citations"`
}

// InboxItem is something a source brings that no curated page covers yet.
type InboxItem struct {
	Kind     string `json:"kind"` // name | date | figure | quote
	Source   string `json:"source"`
	Line     int    `json:"line"`
	Text     string `json:"text"`
	Value    string `json:"value"` // "" for a date that cannot be resolved
	Detail   string `json:"detail"`
	URL      string `json:"url"`
	Drafted  string `json:"drafted,omitempty"` // the draft page covering it
	Reviewed bool   `json:"reviewed"`
}

// dirURL is the directory form of an output path: "actors/x/index.html" → "actors/x/".
func dirURL(p string) string { return strings.TrimSuffix(p, "index.html") }

func citations(p *content.Page) []string {
	cites, _ := markdown.Nodes(p.AST)
	seen := map[string]bool{}
	out := []string{}
	for _, c := range cites {
		for _, r := range c.Refs {
			if k := r.String(); !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func refStrings(refs []source.Ref) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.String())
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (r *renderer) renderData() error {
	r.addFile("data/dossier.json", r.dataJSON)
	return nil
}

func (r *renderer) dataJSON() ([]byte, error) {
	var d dataFile
	for _, s := range r.in.Corpus.Seeds {
		ds := dataSource{ID: s.ID, File: s.File, URL: dirURL(SourceURL(s.ID)), Articles: []dataArticle{}}
		if !s.Ingested.IsZero() {
			ing := s.Ingested
			ing.Line = 0
			ds.Ingested = &ing
		}
		for _, a := range s.Articles {
			ds.Articles = append(ds.Articles, dataArticle{FirstLine: a.First, LastLine: a.Last, Title: a.Title,
				Publisher: a.Publisher, Published: a.Published, Curated: a.Curated})
		}
		d.Sources = append(d.Sources, ds)
	}
	for _, a := range r.in.Site.Actors {
		if a.Draft {
			continue
		}
		d.Actors = append(d.Actors, dataActor{Slug: a.Slug, Name: a.Name, Aliases: orEmpty(a.Aliases), Kind: a.Kind, Side: a.Side,
			Role: a.Role, URL: dirURL(URL(&a.Page)), Citations: citations(&a.Page), Mentions: refStrings(r.in.Mentions[a.Slug])})
	}
	for _, e := range r.in.Site.Events {
		if e.Draft {
			continue
		}
		d.Events = append(d.Events, dataEvent{Slug: e.Slug, Title: e.Title, Date: e.Date, Precision: e.Precision,
			Actors: orEmpty(e.Actors), Topics: orEmpty(e.Topics), URL: dirURL(URL(&e.Page)), Citations: citations(&e.Page), Reviewed: true})
	}
	for _, f := range r.in.Site.Figures {
		if f.Draft {
			continue
		}
		d.Figures = append(d.Figures, dataFigure{Slug: f.Slug, Title: f.Title, Value: f.Value, Qualifier: f.Qualifier,
			Unit: f.UnitName, AsOf: f.AsOf, ClaimedBy: f.ClaimedBy, Measure: f.Measure, Source: f.Source.String(),
			URL: dirURL(URL(&f.Page)), Reviewed: true})
	}
	for _, t := range r.in.Site.Topics {
		if t.Draft {
			continue
		}
		d.Topics = append(d.Topics, dataTopic{Slug: t.Slug, Title: t.Title, Summary: t.Summary, Actors: orEmpty(t.Actors),
			URL: dirURL(URL(&t.Page)), Citations: citations(&t.Page)})
	}
	d.Inbox = r.inboxData()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (r *renderer) renderExtras() error {
	r.files[".nojekyll"] = []byte{}
	var css bytes.Buffer
	if err := ChromaCSS(&css); err != nil {
		return err
	}
	r.files["assets/chroma.css"] = css.Bytes()
	pg := &page{Path: "404.html", Title: "Page not found", Section: "", Description: "This page does not exist."}
	return r.execute("404", pg)
}
