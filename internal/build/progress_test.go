package build

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestPrinter feeds a printer progress at given times (a clock the test
// sets) and compares what it writes.
func TestPrinter(t *testing.T) {
	type event struct {
		at time.Duration
		Progress
	}
	events := []event{
		{0, Progress{Stage: "reading", Total: 3}},
		{100 * time.Millisecond, Progress{Stage: "reading", Done: 1, Total: 3}},
		{1100 * time.Millisecond, Progress{Stage: "parsing", Total: 2}},
		{1150 * time.Millisecond, Progress{Stage: "parsing", Done: 1, Total: 2}},
		{1300 * time.Millisecond, Progress{Stage: "parsing", Done: 2, Total: 2}},
		{1310 * time.Millisecond, Progress{Stage: "checking"}},
	}
	tests := []struct {
		name     string
		terminal bool
		want     string
	}{
		{"terminal", true, "\r\x1b[Kparsing 0/2 sources" + "\r\x1b[Kparsing 2/2 sources" + "\r\x1b[Kchecking" + "\r\x1b[K"},
		{"log", false, "parsing 2 sources (1.1s)\nchecking (1.3s)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
			clock := start
			p := &printer{w: &out, terminal: tt.terminal, now: func() time.Time { return clock }, start: start}
			for _, e := range events {
				clock = start.Add(e.at)
				p.show(e.Progress)
			}
			p.end()
			assert.Equal(t, tt.want, out.String(), "progress on a %s: nothing in the first second, 1/2 within 100 ms of 0/2 left out on a terminal", tt.name)
		})
	}
}
