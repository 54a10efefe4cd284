package build

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestEach runs each on four workers: every call happens once, the error
// is that of the lowest index that failed whichever failed first, no call
// starts after a failure is seen, a cancelled context stops the calls, and
// the last progress reported is the number of calls started.
func TestEach(t *testing.T) {
	var got []Progress
	b := &builder{workers: 4, o: Options{Progress: func(p Progress) { got = append(got, p) }}}
	b.stage("rendering", 1000)

	var calls [1000]atomic.Int32
	require.NoError(t, b.each(context.Background(), 1000, func(i int) error {
		calls[i].Add(1)
		return nil
	}))
	for i := range calls {
		require.Equal(t, int32(1), calls[i].Load(), "call %d", i)
	}
	require.NotEmpty(t, got)
	assert.Equal(t, Progress{Stage: "rendering", Done: 1000, Total: 1000}, got[len(got)-1])

	// 700 fails at once, 300 after a while: 300's error is the one returned.
	// The calls after 700 take a while, so that they cannot all have
	// started before the pool sees 700 fail, however the goroutines are
	// scheduled.
	var started atomic.Int32
	err := b.each(context.Background(), 1000, func(i int) error {
		started.Add(1)
		switch {
		case i == 300:
			time.Sleep(20 * time.Millisecond)
			return errors.New("300")
		case i == 700:
			return errors.New("700")
		case i > 700:
			time.Sleep(2 * time.Millisecond)
		}
		return nil
	})
	require.EqualError(t, err, "300")
	assert.Less(t, started.Load(), int32(1000), "calls went on after a failure")

	ctx, cancel := context.WithCancel(context.Background())
	started.Store(0)
	err = b.each(ctx, 1000, func(i int) error {
		if started.Add(1) == 10 {
			cancel()
		}
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, started.Load(), int32(1000), "calls went on after the context was cancelled")
}
