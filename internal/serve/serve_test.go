package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvents: the stream sends the state on connect and one event per
// build; a failed build's problems reach open pages and pages opened after
// it, and the next successful build clears them. Nothing is written to the
// site folder.
func TestEvents(t *testing.T) {
	problems := []string{"content/x.md:12: no source supports this sentence", "content/y.md: unknown key \"datee\""}
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		if n == 2 {
			return Result{Problems: problems, Summary: "2 problems"}
		}
		return Result{OK: true, Problems: []string{"content/z.md:3: warning: a warning"}, Summary: "1 page"}
	})
	s := start(t, Options{Build: rec.build}, map[string]string{"index.html": "<body>home</body>"})
	before := files(t, s.out)
	require.Nil(t, rec.next(t, "the start"), "the first build builds everything")

	st := openStream(t, s)
	first := st.next(t, "the state on connect")
	assert.True(t, first.OK, "first build: ok")
	assert.Equal(t, first.Build, first.Site, "first build: the site on disk is from it")
	assert.Empty(t, first.Problems, "first build: a successful build's warnings stay in the log")
	_, page := s.get(t, "/")
	assert.Contains(t, page, tag(first.Site), "a page names the build it comes from")

	write(t, s.root, "content/x.md", "bad")
	assert.Equal(t, []string{"content/x.md"}, rec.next(t, "writing content/x.md"))
	failed := st.next(t, "the failed build")
	assert.False(t, failed.OK, "failed build: not ok")
	assert.NotEqual(t, first.Build, failed.Build, "failed build: a new build ID")
	assert.Equal(t, first.Site, failed.Site, "failed build: the site on disk is still the first build's")
	assert.Equal(t, problems, failed.Problems, "failed build: its problems")
	assert.Equal(t, "2 problems", failed.Summary)

	late := openStream(t, s)
	assert.Equal(t, failed, late.next(t, "the state on connect after a failed build"), "a page opened after a failed build gets its problems at once")
	_, page = s.get(t, "/")
	assert.Contains(t, page, tag(first.Site), "after a failed build, pages are still the first build's")

	write(t, s.root, "content/x.md", "good")
	assert.Equal(t, []string{"content/x.md"}, rec.next(t, "fixing content/x.md"))
	fixed := st.next(t, "the successful build")
	assert.True(t, fixed.OK, "fixed: ok")
	assert.Empty(t, fixed.Problems, "fixed: the problems are cleared")
	assert.Equal(t, fixed.Build, fixed.Site, "fixed: the site on disk is from the new build")
	assert.NotEqual(t, first.Site, fixed.Site, "fixed: the site changed, so pages reload")
	assert.Equal(t, fixed, late.next(t, "the successful build, second stream"))

	assert.Equal(t, before, files(t, s.out), "nothing is written to the site folder")
	select {
	case extra := <-st.states:
		t.Errorf("one event per build, but got another: %+v", extra)
	default:
	}
}

// files reads every file under dir.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		got[p] = string(data)
		return err
	}))
	return got
}

// TestDebounce: a burst of writes makes one build that names every file,
// and nothing else builds until the next change.
func TestDebounce(t *testing.T) {
	rec := newRecorder(nil)
	// The quiet time is long so that the burst stays one even when the
	// machine stalls the writer.
	s := start(t, Options{Build: rec.build, Debounce: 300 * time.Millisecond}, nil)
	rec.next(t, "the start")

	var want []string
	for i := range 20 {
		p := fmt.Sprintf("content/burst/%02d.md", i)
		write(t, s.root, p, "text")
		want = append(want, p)
	}
	got := rec.next(t, "a burst of 20 writes")
	assert.Subset(t, got, want, "the build after the burst names every file written")
	for _, p := range got {
		assert.True(t, p == "content/burst" || strings.HasPrefix(p, "content/burst/"), "the build names only what the burst changed, not %s", p)
	}

	write(t, s.root, "seeds/sentinel.txt", "x")
	assert.Equal(t, []string{"seeds/sentinel.txt"}, rec.next(t, "the sentinel"), "no other build came between the burst and the sentinel")
}

// TestOneBuildAtATime: changes made during a build start exactly one more
// build after it, and builds never overlap.
func TestOneBuildAtATime(t *testing.T) {
	release := make(chan struct{})
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		if n == 2 {
			<-release
		}
		return Result{OK: true}
	})
	s := start(t, Options{Build: rec.build, Debounce: 300 * time.Millisecond}, nil)
	rec.next(t, "the start")

	write(t, s.root, "content/a.md", "a")
	assert.Equal(t, []string{"content/a.md"}, rec.next(t, "writing content/a.md"))
	write(t, s.root, "content/b.md", "b")
	write(t, s.root, "content/c.md", "c")
	write(t, s.root, "content/a.md", "a2")
	close(release)
	assert.Equal(t, []string{"content/a.md", "content/b.md", "content/c.md"}, rec.next(t, "writes during a build"),
		"one more build names everything written during the build")
	write(t, s.root, "seeds/sentinel.txt", "x")
	assert.Equal(t, []string{"seeds/sentinel.txt"}, rec.next(t, "the sentinel"), "no other build came between")
	assert.Equal(t, int32(1), rec.maxRunning.Load(), "builds never overlap")
}

// TestWatchedTree: folders created later are watched (and so is a watched
// folder that did not exist at the start); an editor's save by rename is
// seen; scratch files are not.
func TestWatchedTree(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"fsnotify", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			rec := newRecorder(nil)
			s := start(t, Options{Build: rec.build, Poll: mode.poll}, nil)
			rec.next(t, "the start")
			// step writes files and expects a build naming the want paths
			// (and, with fsnotify, the new folders too).
			step := func(why string, want []string, do func()) {
				t.Helper()
				do()
				got := rec.next(t, why)
				for got != nil && !containsAll(got, want) {
					// A new folder and its file may come in two builds.
					got = append(got, rec.next(t, why+", second build")...)
				}
				assert.Subset(t, got, want, "%s: %s", mode.name, why)
			}
			step("a file in a new folder", []string{"content/new/deeper/x.md"}, func() {
				write(t, s.root, "content/new/deeper/x.md", "x")
			})
			step("a second file in the new folder", []string{"content/new/deeper/y.md"}, func() {
				write(t, s.root, "content/new/deeper/y.md", "y")
			})
			step("a write in place", []string{"content/new/deeper/y.md"}, func() {
				require.NoError(t, os.WriteFile(filepath.Join(s.root, "content/new/deeper/y.md"), []byte("y, longer"), 0o644))
			})
			step("a watched folder created after the start", []string{"static/style.css"}, func() {
				write(t, s.root, "static/style.css", "body{}")
			})
			step("a file in the late folder", []string{"static/more.css"}, func() {
				write(t, s.root, "static/more.css", "p{}")
			})
			step("a save by rename over the file", []string{"content/new/deeper/x.md"}, func() {
				tmp := filepath.Join(s.root, "content/new/deeper/.x.md.tmp")
				require.NoError(t, os.WriteFile(tmp, []byte("x2 longer"), 0o644))
				require.NoError(t, os.Rename(tmp, filepath.Join(s.root, "content/new/deeper/x.md")))
			})
			step("a removal", []string{"content/new/deeper/y.md"}, func() {
				require.NoError(t, os.Remove(filepath.Join(s.root, "content/new/deeper/y.md")))
			})

			write(t, s.root, "content/.x.md.swp", "swap")
			write(t, s.root, "content/x.md~", "backup")
			write(t, s.root, "content/.git/index", "git")
			write(t, s.root, "other/x.md", "not watched")
			write(t, s.root, "public/index.html", "the site")
			write(t, s.root, "seeds/sentinel.txt", "x")
			assert.Equal(t, []string{"seeds/sentinel.txt"}, rec.next(t, "the sentinel"),
				"%s: scratch files, unwatched folders and the site start no build", mode.name)
		})
	}
}

func containsAll(got, want []string) bool {
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			return false
		}
	}
	return true
}

// TestFirstBuildFails: with no site on disk and a failed first build, pages
// show the problems; the next successful build serves the site.
func TestFirstBuildFails(t *testing.T) {
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		if n == 1 {
			return Result{Problems: []string{"content/index.md:1: no title"}}
		}
		return Result{OK: true}
	})
	s := start(t, Options{Build: rec.build}, nil)
	rec.next(t, "the start")
	st := openStream(t, s)
	failed := st.next(t, "the failed first build")
	assert.False(t, failed.OK)
	assert.Empty(t, failed.Site, "no build succeeded yet")
	status, page := s.get(t, "/")
	assert.Equal(t, 503, status, "no site on disk")
	assert.Contains(t, page, tag(""), "the placeholder carries the script")

	write(t, s.out, "index.html", "<body>home</body>")
	write(t, s.root, "content/index.md", "# Home")
	rec.next(t, "the fix")
	fixed := st.next(t, "the successful build")
	assert.True(t, fixed.OK)
	status, page = s.get(t, "/")
	assert.Equal(t, 200, status)
	assert.Equal(t, "<body>home"+tag(fixed.Site)+"</body>", page)
}

// TestBuildPanics: a panicking build is a failed build; serving goes on.
func TestBuildPanics(t *testing.T) {
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		if n == 2 {
			panic("template: nil map")
		}
		return Result{OK: true}
	})
	s := start(t, Options{Build: rec.build}, map[string]string{"index.html": "<body>home</body>"})
	rec.next(t, "the start")
	st := openStream(t, s)
	st.next(t, "the state on connect")
	write(t, s.root, "content/x.md", "x")
	rec.next(t, "writing content/x.md")
	failed := st.next(t, "the panicked build")
	assert.False(t, failed.OK)
	require.Len(t, failed.Problems, 1)
	assert.Contains(t, failed.Problems[0], "the build panicked: template: nil map")
	status, _ := s.get(t, "/")
	assert.Equal(t, 200, status, "the server still serves")
}

// TestShutdown: Run returns promptly when cancelled, with event streams
// open, with a request waiting for the first build, or during a build.
func TestShutdown(t *testing.T) {
	t.Run("open streams", func(t *testing.T) {
		rec := newRecorder(nil)
		s := start(t, Options{Build: rec.build}, map[string]string{"index.html": "<body>home</body>"})
		rec.next(t, "the start")
		var streams []*stream
		for range 3 {
			st := openStream(t, s)
			st.next(t, "the state on connect")
			streams = append(streams, st)
		}
		took := s.stop(t)
		t.Logf("Run returned %v after the cancellation", took)
		for i, st := range streams {
			select {
			case <-st.closed:
			case <-time.After(wait):
				t.Errorf("stream %d still open after Run returned", i)
			}
		}
		assert.Less(t, took, shutdownGrace, "the streams did not hold the shutdown up to its time limit")
	})
	t.Run("during the first build", func(t *testing.T) {
		building := make(chan struct{})
		rec := newRecorder(func(ctx context.Context, _ int, _ []string) Result {
			close(building)
			<-ctx.Done()
			return Result{}
		})
		s := start(t, Options{Build: rec.build}, map[string]string{"index.html": "<body>home</body>"})
		<-building
		answered := make(chan struct{})
		go func() {
			// Waits for the first build; then either it is answered or its
			// connection is closed: both are fine, hanging is not.
			if resp, err := http.Get(s.url + "/"); err == nil {
				resp.Body.Close()
			}
			close(answered)
		}()
		took := s.stop(t)
		select {
		case <-answered:
		case <-time.After(wait):
			t.Error("a request waiting for the first build still waits after Run returned")
		}
		assert.Less(t, took, shutdownGrace, "the build and the waiting request did not hold the shutdown up")
	})
}

// TestFailedBuildsPassTheirChangesOn: the site on disk lacks the changes a
// failed build was given, so the next build gets them again, and a failure
// that names no problem still says so.
func TestFailedBuildsPassTheirChangesOn(t *testing.T) {
	rec := newRecorder(func(_ context.Context, n int, _ []string) Result {
		return Result{OK: n != 2 && n != 3}
	})
	s := start(t, Options{Build: rec.build}, map[string]string{"index.html": "<body></body>"})
	rec.next(t, "the start")
	st := openStream(t, s)
	st.next(t, "the state on connect")

	write(t, s.root, "content/a.md", "a")
	assert.Equal(t, []string{"content/a.md"}, rec.next(t, "writing content/a.md"), "build 2 (fails)")
	failed := st.next(t, "build 2")
	assert.Equal(t, []string{"the build failed without naming a problem; the terminal may say more"}, failed.Problems)
	write(t, s.root, "content/b.md", "b")
	assert.Equal(t, []string{"content/a.md", "content/b.md"}, rec.next(t, "writing content/b.md"), "build 3 (fails) gets build 2's changes too")
	st.next(t, "build 3")
	write(t, s.root, "seeds/c.txt", "c")
	assert.Equal(t, []string{"content/a.md", "content/b.md", "seeds/c.txt"}, rec.next(t, "writing seeds/c.txt"), "build 4 gets the failed builds' changes too")
	st.next(t, "build 4")
	write(t, s.root, "seeds/d.txt", "d")
	assert.Equal(t, []string{"seeds/d.txt"}, rec.next(t, "writing seeds/d.txt"), "build 5 gets only what changed since build 4, which succeeded")
}

// TestRunRefusesBadOptions: Run says what is wrong before serving anything.
func TestRunRefusesBadOptions(t *testing.T) {
	root := t.TempDir()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	ok := func(context.Context, []string) Result { return Result{OK: true} }
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"no builder", Options{Root: root, Out: root + "/public"}, "Options.Build is nil"},
		{"no site folder", Options{Root: root, Build: ok}, "Options.Out is empty"},
		{"missing project", Options{Root: root + "/missing", Out: root + "/public", Build: ok}, "project folder"},
		{"watch outside", Options{Root: root, Out: root + "/public", Build: ok, Watch: []string{"../elsewhere"}}, `watched folder "../elsewhere" is not inside the project folder`},
		{"address in use", Options{Root: root, Out: root + "/public", Build: ok, Addr: busy.Addr().String()}, "address already in use"},
	}
	for _, tt := range tests {
		err := Run(context.Background(), tt.o)
		require.Error(t, err, tt.name)
		assert.Contains(t, err.Error(), tt.want, tt.name)
	}
}
