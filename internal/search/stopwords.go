package search

// stopWords are English function words: they occur in nearly every line, so
// their posting lists would be the largest files of the index while telling
// a reader nothing. They are neither indexed nor searched for; the manifest
// carries the list so that engine.js drops the same words from a query.
// Words that are also names or abbreviations a reader may look for ("us",
// "who", "may", "can") are deliberately not in it. The table is read-only.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true,
	"be": true, "been": true, "but": true, "by": true, "for": true, "from": true,
	"had": true, "has": true, "have": true, "he": true, "her": true, "his": true,
	"i": true, "if": true, "in": true, "into": true, "is": true, "it": true,
	"its": true, "of": true, "on": true, "or": true, "s": true, "she": true,
	"so": true, "t": true, "than": true, "that": true, "the": true, "their": true,
	"them": true, "then": true, "there": true, "these": true, "they": true, "this": true,
	"those": true, "to": true, "was": true, "we": true, "were": true, "which": true,
	"will": true, "with": true, "would": true,
}
