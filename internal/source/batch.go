package source

import "github.com/dossier-project/dossier/internal/date"

// LatestBatch returns the seeds of the newest ingest batch: those with the
// latest `ingested` date in sources.yaml. Seeds without one form the first
// batch, so when no seed has an ingest date there is nothing new and
// LatestBatch returns a zero date and no seeds.
func (c *Corpus) LatestBatch() (date.Date, []*Seed) {
	var latest date.Date
	for _, s := range c.Seeds {
		if s.Ingested.Compare(latest) > 0 {
			latest = s.Ingested
		}
	}
	if latest.IsZero() {
		return latest, nil
	}
	var out []*Seed
	for _, s := range c.Seeds {
		if s.Ingested.Compare(latest) == 0 {
			out = append(out, s)
		}
	}
	latest.Line = 0
	return latest, out
}
