package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/testtree"
)

// buildBinary compiles the dossier command into a temporary folder, for tests
// that need a real process: to kill it, or to send it Ctrl-C.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "dossier")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// bigProject is the fixture site grown by generated seeds and actors, so
// that a build takes long enough to be interrupted at many points.
func bigProject(t *testing.T, seeds, linesPerSeed, actors int) string {
	t.Helper()
	dir := testProject(t)
	for s := 1; s <= seeds; s++ {
		var b strings.Builder
		for l := 1; l <= linesPerSeed; l++ {
			fmt.Fprintf(&b, "Paragraph %d of generated source %d: officials said \"%d people were affected\" in district %d on Monday.\n", l, s, l*7+s, l%40)
		}
		writeFile(fmt.Sprintf("seeds/%03d_%016x.txt", s, s), []byte(b.String()))(t, dir)
	}
	for a := 1; a <= actors; a++ {
		page := fmt.Sprintf("---\nname: Generated Person %d\nkind: person\nside: other\nrole: Official number %d\n---\nThis official gave a count of affected people [@%03d:%d].\n\nThey also said \"people were affected\" [@%03d:%d].\n",
			a, a, a%seeds+1, a%linesPerSeed+1, (a+1)%seeds+1, (a*3)%linesPerSeed+1)
		writeFile(fmt.Sprintf("content/actors/generated-person-%d.md", a), []byte(page))(t, dir)
	}
	return dir
}

// manifest hashes every file under dir.
func manifest(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	for p, b := range testtree.Read(t, dir) {
		m[p] = sha256.Sum256(b)
	}
	return m
}

// TestKilledBuildKeepsCompleteSite starts builds and SIGKILLs them at
// deterministic pseudo-random moments spread over a build's duration. After
// every kill public/ must be exactly a complete build: the previous one, or
// the new one if the kill came after the swap. The next successful build
// must leave no temporary folders behind.
func TestKilledBuildKeepsCompleteSite(t *testing.T) {
	bin := buildBinary(t)
	dir := bigProject(t, 8, 150, 120)
	pub := filepath.Join(dir, "public")
	build := func() {
		t.Helper()
		out, err := exec.Command(bin, "build", "-root", dir).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}

	build() // the first build warms the file cache; time the second
	start := time.Now()
	build()
	took := time.Since(start)
	prev := manifest(t, pub)
	t.Logf("one build: %d files in %v", len(prev), took)

	const runs = 20
	rng := rand.New(rand.NewPCG(7, 7)) // deterministic delays, the same on every run
	index := filepath.Join(dir, "content/index.md")
	original, err := os.ReadFile(index)
	require.NoError(t, err)
	var beforeSwap, afterSwap, finished int
	for i := range runs {
		// Every build differs from the previous one, so a mix of two builds would show.
		require.NoError(t, os.WriteFile(index, bytes.Replace(original, []byte("description: "), fmt.Appendf(nil, "description: Run %d. ", i), 1), 0o644))

		// Even runs are killed anywhere in the build; odd runs in its second
		// half, while files are written to the spare tree and swapped in.
		cmd := exec.Command(bin, "build", "-root", dir)
		require.NoError(t, cmd.Start())
		delay := time.Duration(float64(took) * (0.1 + rng.Float64()))
		if i%2 == 1 {
			delay = time.Duration(float64(took) * (0.5 + 0.6*rng.Float64()))
		}
		time.Sleep(delay)
		killErr := cmd.Process.Signal(syscall.SIGKILL)
		waitErr := cmd.Wait()
		killed := killErr == nil && waitErr != nil
		if !killed {
			finished++
		}

		after := manifest(t, pub)
		build()
		next := manifest(t, pub)
		switch {
		case equalManifest(after, prev):
			beforeSwap++
		case equalManifest(after, next):
			afterSwap++
		default:
			t.Errorf("run %d (killed after %v): public/ is neither the previous build nor the new one (%d files, previous %d, new %d)",
				i, delay, len(after), len(prev), len(next))
		}
		assert.Empty(t, testtree.Leftovers(t, dir), "run %d: the next successful build leaves no temporary folders", i)
		prev = next
	}
	t.Logf("%d kills: %d before the swap, %d after it, %d builds finished before the kill", runs, beforeSwap, afterSwap-finished, finished)
	assert.Greater(t, beforeSwap, 0, "some kills interrupted a build")
}

func equalManifest(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, h := range a {
		if g, ok := b[p]; !ok || g != h {
			return false
		}
	}
	return true
}

// TestFullDiskKeepsSite builds into a small tmpfs, then adds a seed too big
// for the space left: the build must fail saying the disk is full, and keep
// the previous site and no temporary folder.
func TestFullDiskKeepsSite(t *testing.T) {
	dir := testProject(t)
	disk := filepath.Join(t.TempDir(), "disk")
	require.NoError(t, os.Mkdir(disk, 0o755))
	testtree.Mount(t, "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk)
	pub := filepath.Join(disk, "public")

	_, stderr, err := runCmd("build", "-root", dir, "-out", pub)
	require.NoError(t, err, stderr)
	before := testtree.Read(t, pub)

	// About 1.5 MB of source text becomes more than 2 MB of viewer HTML.
	var b strings.Builder
	for i := 0; b.Len() < 1_500_000; i++ {
		fmt.Fprintf(&b, "Line %d: officials said on Monday that %d people had left the district.\n", i, i*3)
	}
	writeFile("seeds/001_00000000000000ff.txt", []byte(b.String()))(t, dir)

	_, stderr, err = runCmd("build", "-root", dir, "-out", pub)
	require.Error(t, err)
	t.Logf("build output: %s", stderr)
	assert.Contains(t, stderr, "no space left on device", "the error says the disk is full")
	assert.Contains(t, stderr, "the previous site is unchanged")
	assert.Contains(t, stderr, "free some disk space and build again")
	assert.Equal(t, before, testtree.Read(t, pub), "the previous site is kept")
	assert.Empty(t, testtree.Leftovers(t, disk), "the half-written site is removed")
}

// TestUnwritableOutputKeepsSite makes the folder holding public/ read-only
// with a read-only bind mount (root ignores permission bits): the build
// must fail with a clear error and keep the previous site.
func TestUnwritableOutputKeepsSite(t *testing.T) {
	dir := testProject(t)
	parent := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.Mkdir(parent, 0o755))
	pub := filepath.Join(parent, "public")
	_, stderr, err := runCmd("build", "-root", dir, "-out", pub)
	require.NoError(t, err, stderr)
	before := testtree.Read(t, pub)

	testtree.Mount(t, "--bind", parent, parent)
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", parent).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only here: %v: %s", err, out)
	}
	_, stderr, err = runCmd("build", "-root", dir, "-out", pub)
	require.Error(t, err)
	assert.True(t, errors.Is(err, errReported), "build fails: %v", err)
	t.Logf("build output: %s", stderr)
	assert.Contains(t, stderr, "build failed: publish: cannot open the lock file in "+filepath.Join(parent, ".public.publish"))
	assert.Contains(t, stderr, "make the folder holding "+pub+" writable")
	assert.Contains(t, stderr, "read-only file system")
	assert.Contains(t, stderr, "the previous site is unchanged")
	assert.Equal(t, before, testtree.Read(t, pub), "the previous site is kept")
}
