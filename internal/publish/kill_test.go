package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/testtree"
)

// killHelper names the environment variable that makes TestKillHelper
// publish versions in a loop: its value is "<site folder>|<state file>".
const killHelper = "PUBLISH_KILL_HELPER"

// killStep names the environment variable that makes TestKillHelper
// publish one version and kill itself at the step it names.
const killStep = "PUBLISH_KILL_STEP"

// killSite is version v of the site the kill test publishes: pages that
// change at different rates, pages that disappear and come back (with their
// folders), a path that is a file in even versions and a folder in odd ones,
// and version.txt, which says which version the whole site must be.
func killSite(v int) map[string][]byte {
	pad := strings.Repeat("padding. ", 100)
	files := map[string][]byte{"version.txt": []byte(strconv.Itoa(v))}
	for i := range 200 {
		if (i+v)%13 == 0 {
			continue
		}
		files[fmt.Sprintf("s%d/p%03d/index.html", i%8, i)] = fmt.Appendf(nil, "page %d revision %d\n%s", i, v/(1+i%5), pad)
	}
	if v%2 == 0 {
		files["toggle"] = fmt.Appendf(nil, "a file in version %d", v)
	} else {
		files["toggle/index.html"] = fmt.Appendf(nil, "a folder in version %d", v)
	}
	return files
}

// liveVersion reads which version the site in dir claims to be (0: none).
func liveVersion(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, "version.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(b))
}

// publishVersion publishes version v over version live as a build would,
// from four goroutines: files unchanged since live are kept by their sum,
// the others put or, in every third version, streamed with Create. Every
// seventh version remembers nothing (a -no-cache build). With renames, the
// swap takes two renames instead of an exchange. stop, if not nil, is told
// each step reached: "opened", "half" (of the files given), and those of
// Commit.
func publishVersion(dir, state string, live, v int, renames bool, stop func(step string)) error {
	prev, next := killSite(live), killSite(v)
	if live == 0 {
		prev = nil
	}
	o := Options{State: state}
	if v%7 == 0 && stop == nil {
		o.State = ""
	}
	if stop == nil {
		stop = func(string) {}
	}
	tx, err := Open(dir, o)
	if err != nil {
		return err
	}
	stop("opened")
	if v%2 == 1 && prev != nil {
		tx.LookAhead(sortedKeys(prev))
	}
	tx.reached = stop
	if renames {
		tx.exchange = func(a, b string) error { return errNoExchange }
	}
	paths := sortedKeys(next)
	errs := make([]error, 4)
	var done atomic.Int64
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			for i := w; i < len(paths) && errs[w] == nil; i += len(errs) {
				errs[w] = putOrKeep(tx, paths[i], prev, next[paths[i]], v%3 == 0 && i%2 == 0)
				if done.Add(1) == int64(len(paths)/2) {
					stop("half")
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		tx.Abort()
		return err
	}
	stop("patched")
	_, err = tx.Commit()
	return err
}

func putOrKeep(tx *Tx, p string, prev map[string][]byte, data []byte, stream bool) error {
	if old, ok := prev[p]; ok && bytes.Equal(old, data) {
		if kept, err := tx.Keep(p, sha256.Sum256(old)); kept || err != nil {
			return err
		}
	}
	if !stream {
		return put(tx, p, data)
	}
	w, err := tx.Create(p)
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n := min(len(data), 500)
		if _, err := w.Write(data[:n]); err != nil {
			w.Discard()
			return err
		}
		data = data[n:]
	}
	return w.Close()
}

// TestKillHelper is the process the kill tests kill: it publishes version
// after version until it is killed, or kills itself at the step named by
// killStep.
func TestKillHelper(t *testing.T) {
	dir, state, ok := strings.Cut(os.Getenv(killHelper), "|")
	if !ok {
		t.Skip("runs only as the helper process of the kill tests")
	}
	if step := os.Getenv(killStep); step != "" {
		live, err := liveVersion(dir)
		require.NoError(t, err)
		stop := func(s string) {
			if s == step {
				require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGKILL))
			}
		}
		require.NoError(t, publishVersion(dir, state, live, live+1, strings.HasPrefix(step, "moved"), stop))
		t.Fatalf("step %q was never reached", step)
	}
	fmt.Println("ready")
	for {
		live, err := liveVersion(dir)
		require.NoError(t, err)
		require.NoError(t, publishVersion(dir, state, live, live+1, (live+1)%5 == 0, nil))
	}
}

// helper returns the command that runs TestKillHelper on the site folder dir.
func helper(dir, state string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), killHelper+"="+dir+"|"+state), env...)
	return cmd
}

// TestKillAtEachStep kills a publishing process at each step in turn and
// checks what it leaves: the site folder is the old version until the
// exchange and the new one after it (between the two renames of a swap
// without exchange it is missing, and the next Open puts it back); the next
// publish gives exactly the next version.
func TestKillAtEachStep(t *testing.T) {
	tests := []struct {
		step    string
		swapped bool // the site is the new version
		missing bool // the site folder is missing until the next Open
	}{
		{"opened", false, false},
		{"half", false, false},
		{"patched", false, false},
		{"pruned", false, false},
		{"saved", false, false},
		{"moved aside", false, true},
		{"moved in", true, false}, // the spare is missing until the next Open
		{"swapped", true, false},
	}
	for _, tc := range tests {
		// In memory a publish takes milliseconds, so the test can kill
		// many; a kill does the same on any file system, as the kernel
		// finishes every call the process made.
		parent := testtree.MemoryDir(t)
		dir, state := filepath.Join(parent, "public"), filepath.Join(parent, "cache", "publish.state")
		for v := 1; v <= 3; v++ {
			require.NoError(t, publishVersion(dir, state, v-1, v, false, nil))
		}
		out, err := helper(dir, state, killStep+"="+tc.step).CombinedOutput()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit) && !exit.Exited(), "step %s: the helper is killed: %v\n%s", tc.step, err, out)

		_, err = os.Lstat(dir)
		assert.Equal(t, tc.missing, errors.Is(err, fs.ErrNotExist), "step %s: the site folder is missing", tc.step)
		if tc.missing {
			tx, err := Open(dir, Options{State: state})
			require.NoError(t, err, "step %s", tc.step)
			tx.Abort()
		}
		want := 3
		if tc.swapped {
			want = 4
		}
		require.Equal(t, strs(killSite(want)), snapshot(t, dir), "step %s: the site is exactly version %d", tc.step, want)
		spare := "missing until the next Open puts the old site there"
		if full := filepath.Join(parent, ".public.publish", "spare"); tc.step != "moved in" {
			spare = describe(snapshot(t, full))
		}
		t.Logf("killed at %-11s: the site is version %d; the spare is %s", tc.step, want, spare)

		require.NoError(t, publishVersion(dir, state, want, want+1, false, nil), "step %s: the next publish works", tc.step)
		require.Equal(t, strs(killSite(want+1)), snapshot(t, dir), "step %s: the next publish gives exactly version %d", tc.step, want+1)
	}
}

// describe says which version of the kill test's site a tree holds.
func describe(tree map[string]string) string {
	for v := range 10 {
		if equalsSome(tree, strs(killSite(v))) {
			return fmt.Sprintf("version %d", v)
		}
	}
	return "half patched"
}

// TestKilledPublishKeepsWholeSite kills a process publishing versions in a
// loop at random moments (SIGKILL: no cleanup runs). After every kill the
// site folder must be exactly one version, every file of it and nothing
// else; then the next publish must succeed and give exactly the next one,
// whatever state the kill left the spare, the state file and the lock in.
func TestKilledPublishKeepsWholeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes for several seconds; skipped in -short mode")
	}
	parent := testtree.MemoryDir(t)
	dir, state := filepath.Join(parent, "public"), filepath.Join(parent, "cache", "publish.state")
	work := filepath.Join(parent, ".public.publish")
	start := time.Now()
	for v := 1; v <= 5; v++ {
		require.NoError(t, publishVersion(dir, state, v-1, v, false, nil))
	}
	// Kills land anywhere in the next few versions the helper publishes.
	window := 3 * time.Since(start) / 5

	rng := rand.New(rand.NewPCG(1, 2)) // the same moments on every run
	var kills, absent, movedIn, halfPatched, versions int
	for deadline := time.Now().Add(8 * time.Second); time.Now().Before(deadline) && kills < 200; kills++ {
		before, err := liveVersion(dir)
		require.NoError(t, err)
		cmd := helper(dir, state)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		line, err := bufio.NewReader(out).ReadString('\n')
		require.NoError(t, err, "the helper starts: %s", &stderr)
		require.Equal(t, "ready\n", line)
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		err = cmd.Wait()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit) && !exit.Exited(), "the helper publishes until it is killed: %v\n%s", err, &stderr)

		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			// Killed between the two renames of a swap without exchange:
			// the next Open puts a whole site back.
			absent++
			assert.DirExists(t, filepath.Join(work, "old"), "kill %d: a missing site is waiting in the work folder", kills)
			tx, err := Open(dir, Options{State: state})
			require.NoError(t, err, "kill %d", kills)
			tx.Abort()
		}
		v, err := liveVersion(dir)
		require.NoError(t, err, "kill %d", kills)
		require.GreaterOrEqual(t, v, before, "kill %d: the site never goes back", kills)
		require.Equal(t, strs(killSite(v)), snapshot(t, dir), "kill %d: the site is exactly version %d", kills, v)
		versions += v - before
		spare := filepath.Join(work, "spare")
		if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) {
			// Killed between the last two renames of a swap without
			// exchange: the new site is in place, and the previous one waits
			// in the work folder for the next Open to make it the spare.
			movedIn++
			assert.DirExists(t, filepath.Join(work, "old"), "kill %d: the previous site is waiting in the work folder", kills)
		} else if !equalsSome(snapshot(t, spare), strs(killSite(v-1)), strs(killSite(v)), strs(killSite(v+1))) {
			halfPatched++
		}

		require.NoError(t, publishVersion(dir, state, v, v+1, false, nil), "kill %d: the next publish works", kills)
		require.Equal(t, strs(killSite(v+1)), snapshot(t, dir), "kill %d: the next publish gives exactly version %d", kills, v+1)
	}
	t.Logf("one version took %v", window/3)
	t.Logf("%d kills: %d versions published by the killed processes, %d kills left a half-patched spare, %d left the site folder between two renames, %d the spare", kills, versions, halfPatched, absent, movedIn)
	assert.Positive(t, halfPatched, "some kills stopped a publish half way")
	assert.Positive(t, versions, "some kills came after a commit")
}

func equalsSome(got map[string]string, wants ...map[string]string) bool {
	for _, w := range wants {
		if len(got) == len(w) {
			same := true
			for k, v := range w {
				if g, ok := got[k]; !ok || g != v {
					same = false
					break
				}
			}
			if same {
				return true
			}
		}
	}
	return false
}
