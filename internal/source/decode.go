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
// lines when the file cannot be used, with problems naming file and line.
func Decode(file string, data []byte) ([]string, []diag.Problem) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []diag.Problem{diag.Errorf(file, 0, "empty seed: the file has no text")}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, []diag.Problem{diag.Errorf(file, lineAt(data, i), "NUL byte at byte %d: this looks like a binary file, not a text seed", i)}
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
		}
		if len(l) > MaxLine {
			problems = append(problems, diag.Errorf(file, i+1, "line is %d bytes long (limit %d): a seed holds one paragraph per line; split the text into paragraphs", len(l), MaxLine))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return raw, nil
}

func lineAt(data []byte, offset int) int { return bytes.Count(data[:offset], []byte("\n")) + 1 }
