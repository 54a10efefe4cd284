package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The names of the world's countries, peoples and currencies come from
// maintained sources, not from the dossier at hand: lexicon/ holds them as
// internal/lexicongen wrote them (its doc comment and each file's header
// name the source, version and licence). Rewrite them with
//
//	go generate ./internal/extract/
//
//go:generate go run ./internal/lexicongen -out lexicon

//go:embed lexicon/demonyms.txt lexicon/countries.txt lexicon/currencies.txt
var lexiconFiles embed.FS

// lexicon is what the extractors know of the world's countries, peoples and
// currencies. It is built once, from the embedded files, and never changed.
type lexicon struct {
	// places holds every country's name and every people's demonym,
	// words joined by one space: "Chilean", "Saudi Arabia", "US", "U.S.".
	places map[string]bool
	// placeWords are the places of one word.
	placeWords map[string]bool
	// maxPlaceWords is the number of words of the longest place.
	maxPlaceWords int
	// demonyms are the demonyms that are no country's name ("Chilean",
	// "South African", not "Djibouti"); adjectives are those of one word
	// lower-cased ("chilean").
	demonyms, adjectives map[string]bool
	// currencySymbols maps a symbol or code written before an amount to
	// the unit it gives: "$" → "US dollars", "KES" → "Kenyan shillings";
	// a symbol several currencies write ("Rs", "kr") gives the noun their
	// names share, or itself when they share none.
	currencySymbols map[string]string
	maxSymbol       int // bytes of the longest symbol
	// currencyNouns are the plural nouns that name a currency after an
	// amount: "dollars", "shillings", "euros".
	currencyNouns map[string]bool
}

// lex is read when first used, as the expressions are compiled (lazyRegexp).
var lex = sync.OnceValue(mustLoadLexicon)

func mustLoadLexicon() *lexicon {
	l, err := loadLexicon(lexiconFiles)
	if err != nil {
		// The files are embedded at build time and a test reads them, so
		// this is a broken build, not bad input.
		panic(err)
	}
	return l
}

// loadLexicon reads the three word lists.
func loadLexicon(fsys embed.FS) (*lexicon, error) {
	l := &lexicon{places: map[string]bool{}, placeWords: map[string]bool{}, demonyms: map[string]bool{},
		adjectives: map[string]bool{}, currencySymbols: map[string]string{}, currencyNouns: map[string]bool{}}
	read := func(name string, fields int, each func([]string)) error {
		data, err := fsys.ReadFile("lexicon/" + name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != fields {
				return fmt.Errorf("lexicon/%s:%d: %d fields, want %d", name, n, len(f), fields)
			}
			each(f)
		}
		return sc.Err()
	}
	var countries, demonyms, adjectives []string
	if err := read("countries.txt", 2, func(f []string) { countries = append(countries, f[1]) }); err != nil {
		return nil, err
	}
	if err := read("demonyms.txt", 1, func(f []string) { demonyms = append(demonyms, f[0]) }); err != nil {
		return nil, err
	}
	primary, secondary := map[string][]currencyName{}, map[string][]currencyName{}
	err := read("currencies.txt", 7, func(f []string) {
		c := currencyName{f[1], f[2]}
		for i, sym := range append([]string{f[0]}, f[3:]...) {
			if sym == "-" || utf8.RuneCountInString(sym) == 1 && unicode.IsLetter([]rune(sym)[0]) {
				continue // a lone letter ("R", "K") says too little
			}
			if i <= 2 { // the code, the symbol, the international symbol
				primary[sym] = appendNew(primary[sym], c)
			} else {
				secondary[sym] = appendNew(secondary[sym], c)
			}
		}
		if noun := lastWord(c.other); strings.HasSuffix(noun, "s") {
			l.currencyNouns[strings.ToLower(noun)] = true
		}
		// CLDR's English currency names open with the word English uses
		// for the country ("Saudi riyal", "UAE dirham"), which the
		// demonyms may lack.
		if adj := leadingCapitals(c.one); adj != "" {
			adjectives = append(adjectives, adj)
		}
	})
	if err != nil {
		return nil, err
	}
	isCountry := map[string]bool{}
	for _, c := range countries {
		l.addPlace(c)
		isCountry[c] = true
		// "U.S." for "US", "U.N." for "UN"
		if len(c) <= 3 && strings.ToUpper(c) == c {
			l.addPlace(strings.Join(strings.Split(c, ""), ".") + ".")
		}
	}
	for _, d := range demonyms {
		l.addPlace(d)
		if isCountry[d] || strings.ToUpper(d) == d {
			continue
		}
		for _, v := range []string{d, asciiFold(d)} {
			l.demonyms[v] = true
			if !strings.Contains(v, " ") {
				l.adjectives[strings.ToLower(v)] = true
			}
		}
	}
	for _, a := range adjectives {
		l.addPlace(a)
	}
	for sym, cs := range primary {
		if len(cs) == 1 {
			l.currencySymbols[sym] = cs[0].other
		} else {
			secondary[sym] = append(secondary[sym], cs...)
		}
	}
	for sym, cs := range secondary {
		if _, ok := l.currencySymbols[sym]; ok {
			continue // a symbol one currency writes as its own: "$", "£"
		}
		l.currencySymbols[sym] = sym // no telling which currency: the symbol as written
		if len(cs) == 1 {
			l.currencySymbols[sym] = cs[0].other
		} else if noun := commonNoun(cs); noun != "" {
			l.currencySymbols[sym] = noun // the plural all of them share, whose we cannot say
		}
	}
	for sym := range l.currencySymbols {
		l.maxSymbol = max(l.maxSymbol, len(sym))
	}
	if len(l.placeWords) == 0 || len(l.currencySymbols) == 0 {
		return nil, fmt.Errorf("lexicon: empty word lists")
	}
	return l, nil
}

// addPlace records a place's name, and its spelling without accents
// ("Turkiye" for "Türkiye"), which English texts often use.
func (l *lexicon) addPlace(name string) {
	for _, n := range []string{name, asciiFold(name)} {
		w := strings.Fields(n)
		l.places[strings.Join(w, " ")] = true
		l.maxPlaceWords = max(l.maxPlaceWords, len(w))
		if len(w) == 1 {
			l.placeWords[n] = true
		}
	}
}

// asciiFold strips the accents of Latin letters: "Türkiye" → "Turkiye".
func asciiFold(s string) string {
	if isASCII(s) {
		return s
	}
	marks := func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}
	return norm.NFC.String(strings.Map(marks, norm.NFD.String(s)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func appendNew[T comparable](list []T, v T) []T {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// leadingCapitals returns the capitalised words that open a currency's name
// before its noun: "Saudi" of "Saudi riyal", "New Zealand" of "New Zealand
// dollar", "" of "euro".
func leadingCapitals(name string) string {
	f := strings.Fields(name)
	n := 0
	for n < len(f)-1 && capitalised(f[n]) {
		n++
	}
	return strings.Join(f[:n], " ")
}

// currencyName is a currency's English name for one and for many.
type currencyName struct{ one, other string }

// commonNoun returns the lower-cased plural noun every one of the
// currencies ends its name with ("kroner" of Danish and Norwegian kroner), or "".
func commonNoun(cs []currencyName) string {
	noun := ""
	for _, c := range cs {
		n := strings.ToLower(lastWord(c.other))
		if noun != "" && n != noun {
			return ""
		}
		noun = n
	}
	return noun
}

// placeAt returns the number of words of the longest place that opens
// toks, words of text, or 0. Words of a place are read as text writes
// them, so a place counts when one space parts its words.
func (l *lexicon) placeAt(text string, toks []token) int {
	for n := min(l.maxPlaceWords, len(toks)); n > 0; n-- {
		if l.places[text[toks[0].start:toks[n-1].end]] {
			return n
		}
	}
	return 0
}

// endsWithDemonym reports whether the last words of toks, words of text,
// are a demonym ("Chilean", "South African").
func (l *lexicon) endsWithDemonym(text string, toks []token) bool {
	last := toks[len(toks)-1]
	for n := min(l.maxPlaceWords, len(toks)); n > 0; n-- {
		if l.demonyms[text[toks[len(toks)-n].start:last.end]] {
			return true
		}
	}
	return false
}

// currencyBefore reads a currency symbol or code written before the amount
// that starts at offset at: "$45", "€ 3", "Rs. 500", "PKR 5bn". It returns
// the unit the symbol gives and where the symbol starts.
func (l *lexicon) currencyBefore(text string, at int) (unit string, start int, ok bool) {
	end := at
	if end > 0 && text[end-1] == ' ' {
		end-- // one space may stand between a symbol and its amount
	}
	for i, e := range [2]int{end, end - 1} {
		if i == 1 && (e < 0 || text[e] != '.') {
			break // "Rs. 500": an abbreviation's period
		}
		for n := min(l.maxSymbol, e); n > 0; n-- {
			sym := text[e-n : e]
			u, found := l.currencySymbols[sym]
			if !found {
				continue
			}
			first, _ := utf8.DecodeRuneInString(sym)
			last, _ := utf8.DecodeLastRuneInString(sym)
			if unicode.IsLetter(first) && lastRuneIsLetterOrDigit(text[:e-n]) || i == 1 && !unicode.IsLetter(last) {
				continue // "PKR" must be a word of its own, and only letters take a period
			}
			return u, e - n, true
		}
	}
	return "", at, false
}

func lastRuneIsLetterOrDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
