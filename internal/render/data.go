package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// The data export, public/data/dossier.json: the same facts as the pages,
// sorted, compact, with URLs relative to the site root (directory form, as
// a server resolves them). The inbox, which grows with the sources, is in
// data/inbox/<id>.json, one file per source (see inbox.go).

type dataFile struct {
	Title       string        `json:"title"`
	Description string        `json:"description,omitempty"`
	Sources     []dataSource  `json:"sources"`
	Actors      []dataActor   `json:"actors"`
	Events      []dataEvent   `json:"events"`
	Measures    []dataMeasure `json:"measures"`
	Figures     []dataFigure  `json:"figures"`
	Disputes    []dataDispute `json:"disputes"`
	Topics      []dataTopic   `json:"topics"`
	Places      []dataPlace   `json:"places"`
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
	Places    []string `json:"places"`
	URL       string   `json:"url"`
	Citations []string `json:"citations"`
	Mentions  refList  `json:"mentions"`
}

type dataEvent struct {
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Date      date.Date `json:"date"`
	Earliest  date.Date `json:"earliest"`
	Latest    date.Date `json:"latest"`
	Precision string    `json:"precision"`
	Actors    []string  `json:"actors"`
	Topics    []string  `json:"topics"`
	Places    []string  `json:"places"`
	URL       string    `json:"url"`
	Citations []string  `json:"citations"`
	Reviewed  bool      `json:"reviewed"`
}

type dataMeasure struct {
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Unit     string      `json:"unit"`
	Relation string      `json:"relation"`
	Period   date.Period `json:"period"`
	AsOf     date.Date   `json:"as_of"`
	Scope    string      `json:"scope"`
	Figures  []string    `json:"figures"`
	URL      string      `json:"url"`
}

type dataFigure struct {
	Slug      string      `json:"slug"`
	Title     string      `json:"title"`
	Value     float64     `json:"value"`
	Unit      string      `json:"unit"`
	Number    float64     `json:"number"`
	Qualifier string      `json:"qualifier"`
	AsOf      date.Date   `json:"as_of"`
	Period    date.Period `json:"period"`
	Part      string      `json:"part,omitempty"`
	ClaimedBy string      `json:"claimed_by"`
	Measure   string      `json:"measure"`
	Source    string      `json:"source"`
	URL       string      `json:"url"`
	Reviewed  bool        `json:"reviewed"`
}

type dataDispute struct {
	Slug    string      `json:"slug"`
	Title   string      `json:"title"`
	Kind    string      `json:"kind"`
	Measure string      `json:"measure,omitempty"`
	Claims  []dataClaim `json:"claims"`
	URL     string      `json:"url"`
}

type dataClaim struct {
	ClaimedBy string  `json:"claimed_by"`
	Summary   string  `json:"summary"`
	Citations refList `json:"citations"`
}

type dataTopic struct {
	Slug      string   `json:"slug"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Actors    []string `json:"actors"`
	URL       string   `json:"url"`
	Citations []string `json:"citations"`
}

type dataPlace struct {
	Slug         string   `json:"slug"`
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases"`
	Kind         string   `json:"kind"`
	Country      string   `json:"country"`
	Lat          float64  `json:"lat"`
	Lon          float64  `json:"lon"`
	CoordsSource string   `json:"coords_source"`
	Mentions     refList  `json:"mentions"`
	URL          string   `json:"url"`
}

// dirURL is the directory form of an output path: "actors/x/index.html" → "actors/x/".
func dirURL(p string) string { return strings.TrimSuffix(p, "index.html") }

// refList is a list of references written as JSON strings ("001:12",
// "001:12-14"), without making a string of each: data/dossier.json writes
// every list of references so, and the mentions of a large dossier's actors
// and places are most of the file.
type refList []source.Ref

// MarshalJSON writes the list as Ref.String would, [] for none.
func (l refList) MarshalJSON() ([]byte, error) {
	return l.appendJSON(make([]byte, 0, 2+len(l)*12)), nil
}

// appendJSON appends what MarshalJSON writes.
func (l refList) appendJSON(b []byte) []byte {
	b = append(b, '[')
	for i, r := range l {
		if i > 0 {
			b = append(b, ',')
		}
		if !plainID(r.Seed) {
			// As encoding/json writes it; whether to escape <, > and &
			// is the encoder's to say, when it copies the list.
			b = text.AppendJSON(b, r.String(), false)
			continue
		}
		b = append(append(append(b, '"'), r.Seed...), ':')
		b = strconv.AppendInt(b, int64(r.First), 10)
		if r.Last != r.First {
			b = strconv.AppendInt(append(b, '-'), int64(r.Last), 10)
		}
		b = append(b, '"')
	}
	return append(b, ']')
}

// plainID reports whether a seed ID needs no escaping in JSON: digits, as
// every seed ID is (source.IDForm).
func plainID(id string) bool {
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// modelKey names everything the export is made from: what every curated
// page shows the others (facesKey: its address, front matter and
// citations, which is all the export says of a page; of its body, only
// the lines it cites), every seed (its articles, and the lines naming an
// actor or place), sources.yaml and the settings. An edit of a page's
// text that moves no citation keeps the export.
func (r *renderer) modelKey(h *hasher) {
	faces := r.faces()
	h.bytes(faces[:])
	h.bytes(r.in.Corpus.MetaSum[:])
	h.bytes(r.settings.Sum[:])
	for _, s := range r.in.Corpus.Seeds {
		h.str(s.Path())
		h.bytes(s.Sum[:])
	}
}

// curatedFilesKey declares every curated file, drafts too, by path and
// sum, sources.yaml and the settings: what the pages made from all the
// curated pages read of them (modelKey, printInputs).
func (r *renderer) curatedFilesKey(h *hasher) {
	for _, p := range r.in.Site.Pages() {
		h.str(p.File)
		h.bytes(p.Sum[:])
	}
	h.bytes(r.in.Corpus.MetaSum[:])
	h.bytes(r.settings.Sum[:])
}

func (r *renderer) renderData() error {
	r.addKeyed("data/dossier.json", r.modelKey, r.dataJSON)
	r.large()
	return nil
}

func (r *renderer) dataJSON() ([]byte, error) {
	d := dataFile{Title: r.settings.Title, Description: r.settings.Description, Sources: []dataSource{}, Actors: []dataActor{}, Events: []dataEvent{}, Measures: []dataMeasure{},
		Figures: []dataFigure{}, Disputes: []dataDispute{}, Topics: []dataTopic{}, Places: []dataPlace{}}
	cites := func(p *content.Page) []string { return orEmpty(r.cites[p.Slug]) }
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
	site := r.in.Site
	for _, a := range live(site.Actors) {
		d.Actors = append(d.Actors, dataActor{Slug: a.Slug, Name: a.Name, Aliases: orEmpty(a.Aliases), Kind: a.Kind, Side: a.Side,
			Role: a.Role, Places: orEmpty(a.Places), URL: dirURL(URL(&a.Page)), Citations: cites(&a.Page), Mentions: refList(r.in.Mentions[a.Slug])})
	}
	for _, e := range live(site.Events) {
		d.Events = append(d.Events, dataEvent{Slug: e.Slug, Title: e.Title, Date: e.Date, Earliest: e.Earliest, Latest: e.Latest, Precision: e.Precision,
			Actors: orEmpty(e.Actors), Topics: orEmpty(e.Topics), Places: orEmpty(e.Places), URL: dirURL(URL(&e.Page)), Citations: cites(&e.Page), Reviewed: true})
	}
	for _, m := range live(site.Measures) {
		dm := dataMeasure{Slug: m.Slug, Title: m.Title, Unit: m.Unit.Symbol, Relation: m.Relation, Period: m.Period, AsOf: m.AsOf,
			Scope: m.Scope, Figures: []string{}, URL: dirURL(URL(&m.Page))}
		for _, f := range live(m.Figures) {
			dm.Figures = append(dm.Figures, f.Slug)
		}
		d.Measures = append(d.Measures, dm)
	}
	for _, f := range live(site.Figures) {
		d.Figures = append(d.Figures, dataFigure{Slug: f.Slug, Title: f.Title, Value: f.Value, Unit: f.Unit.Symbol, Number: f.Number,
			Qualifier: f.Qualifier, AsOf: f.AsOf, Period: f.Period, Part: f.Part, ClaimedBy: f.ClaimedBy, Measure: f.Measure,
			Source: f.Source.String(), URL: dirURL(URL(&f.Page)), Reviewed: true})
	}
	for _, x := range live(site.Disputes) {
		dd := dataDispute{Slug: x.Slug, Title: x.Title, Kind: x.Kind, Measure: x.Measure, Claims: []dataClaim{}, URL: dirURL(URL(&x.Page))}
		if x.Kind == "number" {
			if m := site.Measure(x.Measure); m != nil {
				for _, f := range live(m.Figures) {
					dd.Claims = append(dd.Claims, dataClaim{ClaimedBy: f.ClaimedBy, Summary: FormatValue(f), Citations: refList{f.Source}})
				}
			}
		}
		for _, c := range x.Claims {
			dd.Claims = append(dd.Claims, dataClaim{ClaimedBy: c.ClaimedBy, Summary: c.Summary, Citations: refList(c.Citations)})
		}
		d.Disputes = append(d.Disputes, dd)
	}
	for _, t := range live(site.Topics) {
		d.Topics = append(d.Topics, dataTopic{Slug: t.Slug, Title: t.Title, Summary: t.Summary, Actors: orEmpty(t.Actors),
			URL: dirURL(URL(&t.Page)), Citations: cites(&t.Page)})
	}
	for _, p := range live(site.Places) {
		d.Places = append(d.Places, dataPlace{Slug: p.Slug, Name: p.Name, Aliases: orEmpty(p.Aliases), Kind: p.Kind, Country: p.Country,
			Lat: p.Lat, Lon: p.Lon, CoordsSource: p.CoordsSource, Mentions: refList(r.in.Mentions[p.Slug]), URL: dirURL(URL(&p.Page))})
	}
	return encodeData(d)
}

// encodeData writes d as a json.Encoder without HTML escaping does
// (encodeDataSlowly): the sources and actors, which grow with the corpus,
// field by field, the rest by encoding/json.
func encodeData(d dataFile) ([]byte, error) {
	b := make([]byte, 0, dataSize(d))
	b = text.AppendJSON(append(b, `{"title":`...), d.Title, false)
	if d.Description != "" {
		b = text.AppendJSON(append(b, `,"description":`...), d.Description, false)
	}
	b = appendList(append(b, `,"sources":`...), d.Sources, appendSource)
	b = appendList(append(b, `,"actors":`...), d.Actors, appendActor)
	for _, part := range []struct {
		name string
		v    any
	}{{"events", d.Events}, {"measures", d.Measures}, {"figures", d.Figures}, {"disputes", d.Disputes}, {"topics", d.Topics}, {"places", d.Places}} {
		var p bytes.Buffer
		enc := json.NewEncoder(&p)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(part.v); err != nil {
			return nil, err
		}
		b = text.AppendJSON(append(b, ','), part.name, false)
		b = append(append(b, ':'), bytes.TrimSuffix(p.Bytes(), []byte("\n"))...)
	}
	return append(b, '}', '\n'), nil
}

// dataSize is about the size of the export of d, a little more, so that
// its buffer is made once: the sources and actors, which grow with the
// corpus, are most of it (3.4 MB at 5,000 seeds, where a buffer grown by
// appending took 10 MB).
func dataSize(d dataFile) int {
	n := 1 << 16
	for _, s := range d.Sources {
		n += 96 + len(s.File) + 2*len(s.ID)
		for _, a := range s.Articles {
			n += 128 + len(a.Title) + len(a.Publisher)
		}
	}
	for _, a := range d.Actors {
		n += 256 + 2*len(a.Slug) + len(a.Name) + len(a.Role) + 16*(len(a.Aliases)+len(a.Places)+len(a.Citations)+len(a.Mentions))
	}
	return n
}

// appendList appends list as encoding/json writes a slice (null when nil),
// each element by item.
func appendList[T any](b []byte, list []T, item func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, x)
	}
	return append(b, ']')
}

func appendSource(b []byte, s dataSource) []byte {
	b = text.AppendJSON(append(b, `{"id":`...), s.ID, false)
	b = text.AppendJSON(append(b, `,"file":`...), s.File, false)
	b = text.AppendJSON(append(b, `,"url":`...), s.URL, false)
	if s.Ingested != nil {
		b = appendDate(append(b, `,"ingested":`...), *s.Ingested)
	}
	return append(appendList(append(b, `,"articles":`...), s.Articles, appendArticle), '}')
}

func appendArticle(b []byte, a dataArticle) []byte {
	b = strconv.AppendInt(append(b, `{"first_line":`...), int64(a.FirstLine), 10)
	b = strconv.AppendInt(append(b, `,"last_line":`...), int64(a.LastLine), 10)
	b = text.AppendJSON(append(b, `,"title":`...), a.Title, false)
	b = text.AppendJSON(append(b, `,"publisher":`...), a.Publisher, false)
	b = appendDate(append(b, `,"published":`...), a.Published)
	return append(strconv.AppendBool(append(b, `,"curated":`...), a.Curated), '}')
}

func appendActor(b []byte, a dataActor) []byte {
	b = text.AppendJSON(append(b, `{"slug":`...), a.Slug, false)
	b = text.AppendJSON(append(b, `,"name":`...), a.Name, false)
	b = appendList(append(b, `,"aliases":`...), a.Aliases, appendString)
	b = text.AppendJSON(append(b, `,"kind":`...), a.Kind, false)
	b = text.AppendJSON(append(b, `,"side":`...), a.Side, false)
	b = text.AppendJSON(append(b, `,"role":`...), a.Role, false)
	b = appendList(append(b, `,"places":`...), a.Places, appendString)
	b = text.AppendJSON(append(b, `,"url":`...), a.URL, false)
	b = appendList(append(b, `,"citations":`...), a.Citations, appendString)
	return append(a.Mentions.appendJSON(append(b, `,"mentions":`...)), '}')
}

func appendString(b []byte, s string) []byte { return text.AppendJSON(b, s, false) }

// encodeDataSlowly is encodeData by encoding/json alone.
func encodeDataSlowly(d dataFile) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// appendDate appends d as its MarshalJSON writes it: null or a quoted
// date of digits and hyphens.
func appendDate(b []byte, d date.Date) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	return text.AppendJSON(b, d.String(), false)
}
