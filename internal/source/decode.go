package source

import (
	"bytes"
	"strings"

	"github.com/dossier-project/dossier/internal/diag"
)

// MaxLine is the longest paragraph a seed may hold, in bytes. Longer lines
// are almost always a file that is not one-paragraph-per-line text.
const MaxLine = 100_000

// Decode turns a seed file's bytes into its lines. It strips a byte-order mark
// and CR before LF; a trailing newline does not add a line. It returns nil
// lines only when the file is not text at all (empty, UTF-16, or holding NUL
// bytes). A file that is not UTF-8 is one problem naming its first bad byte
// (see EncodingError); its lines are returned with the bad bytes replaced by
// U+FFFD, and a line longer than MaxLine is a problem too, so that the rest of
// the dossier can still be checked in the same run.
func Decode(file string, data []byte) ([]string, []diag.Problem) {
	return decode(file, data, string(data))
}

// decode is Decode of data, given also as text: the lines are parts of text.
func decode(file string, data []byte, text string) ([]string, []diag.Problem) {
	bom := 0
	if bytes.HasPrefix(data, bomUTF8) {
		data, text, bom = data[len(bomUTF8):], text[len(bomUTF8):], len(bomUTF8)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []diag.Problem{diag.Errorf(file, 0, "empty seed: the file has no text; remove it or put the document's text in it")}
	}
	var problems []diag.Problem
	e := notUTF8(data)
	if e != nil {
		e.Offset += bom
		problems = append(problems, diag.Errorf(file, e.Line, "%v; a seed must be UTF-8: move the file out of %s/ and ingest it from there", e, Dir))
		if bytes.IndexByte(data, 0) >= 0 {
			return nil, problems // UTF-16: its lines would mean nothing
		}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, []diag.Problem{diag.Errorf(file, lineAt(data, i), "NUL byte at byte %d: this looks like a binary file, not a text seed; remove it from %s/ or save the document as UTF-8 text", i+bom, Dir)}
	}
	raw := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range raw {
		l = strings.TrimSuffix(l, "\r")
		if len(l) > MaxLine {
			problems = append(problems, diag.Errorf(file, i+1, "line is %d bytes long (limit %d): a seed holds one paragraph per line; split the text into paragraphs", len(l), MaxLine))
		}
		if e != nil {
			// Only a file that is not UTF-8 (notUTF8) has lines that are not.
			l = strings.ToValidUTF8(l, "\uFFFD")
		}
		raw[i] = l
	}
	return raw, problems
}

func lineAt(data []byte, offset int) int { return bytes.Count(data[:offset], []byte("\n")) + 1 }
