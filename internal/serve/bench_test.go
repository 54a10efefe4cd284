package serve

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// BenchmarkEditToEvent measures what the server adds to an edit-to-reload:
// the time from writing a watched file to a page's receiving the build event
// over the stream, with a build that returns at once. It reports the median
// and the 95th percentile; run it as
//
//	go test ./internal/serve -run '^$' -bench EditToEvent -benchtime 50x
//
// "default" uses DefaultDebounce, whose quiet time is most of the figure;
// "1µs" shows the rest: notification, scheduling, HTTP and the client;
// "poll-100ms" is the fallback, which adds half an interval on average.
func BenchmarkEditToEvent(b *testing.B) {
	for _, c := range []struct {
		name     string
		debounce time.Duration
		poll     time.Duration
	}{
		{"fsnotify/default", 0, 0},
		{"fsnotify/1µs", time.Microsecond, 0},
		{"poll-100ms/default", 0, 100 * time.Millisecond},
	} {
		b.Run(c.name, func(b *testing.B) {
			rec := newRecorder(nil)
			s := start(b, Options{Build: rec.build, Debounce: c.debounce, Poll: c.poll}, map[string]string{"index.html": "<body></body>"})
			rec.next(b, "the start")
			st := openStream(b, s)
			st.next(b, "the state on connect")
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				if c.poll > 0 {
					// Edits come at any moment of a polling interval, not
					// just after a scan, as this loop would otherwise have it.
					b.StopTimer()
					time.Sleep(rand.N(c.poll))
					b.StartTimer()
				}
				began := time.Now()
				write(b, s.root, "content/x.md", fmt.Sprintf("edit %d", i))
				st.next(b, fmt.Sprintf("edit %d", i))
				took = append(took, time.Since(began))
				<-rec.calls
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-p50")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "ms-p95")
		})
	}
}
