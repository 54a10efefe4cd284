package source

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/diag"
)

// MaxLine is the longest paragraph a seed may hold, in bytes. Longer lines
// are almost always a file that is not one-paragraph-per-line text.
const MaxLine = 100_000

// Decode turns a seed file's bytes into its lines. It strips a byte-order mark
// and CR before LF; a trailing newline does not add a line. It returns nil
// lines only when the file is not text at all (empty, or holding NUL bytes).
// A line with invalid UTF-8 (its bad bytes replaced by U+FFFD) or longer than
// MaxLine is returned with an error naming file and line, so that the rest of
// the dossier can still be checked in the same run.
func Decode(file string, data []byte) ([]string, []diag.Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []diag.Problem{diag.Errorf(file, 0, "empty seed: the file has no text; remove it or put the document's text in it")}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, []diag.Problem{diag.Errorf(file, lineAt(data, i), "NUL byte at byte %d: this looks like a binary file, not a text seed; remove it from %s/ or save the document as UTF-8 text", i, Dir)}
	}
	text := strings.TrimSuffix(string(data), "\n")
	raw := strings.Split(text, "\n")
	var problems []diag.Problem
	for i, l := range raw {
		l = strings.TrimSuffix(l, "\r")
		raw[i] = l
		if !utf8.ValidString(l) {
			col := 0
			for col < len(l) {
				r, size := utf8.DecodeRuneInString(l[col:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				col += size
			}
			problems = append(problems, diag.Errorf(file, i+1, "invalid UTF-8 at byte %d of the line; save the file as UTF-8 (or run `dossier ingest`, which converts it)", col+1))
			raw[i] = strings.ToValidUTF8(l, "\uFFFD")
		}
		if len(l) > MaxLine {
			problems = append(problems, diag.Errorf(file, i+1, "line is %d bytes long (limit %d): a seed holds one paragraph per line; split the text into paragraphs", len(l), MaxLine))
		}
	}
	return raw, problems
}

func lineAt(data []byte, offset int) int { return bytes.Count(data[:offset], []byte("\n")) + 1 }
