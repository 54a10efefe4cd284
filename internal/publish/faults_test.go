package publish

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/testtree"
)

// TestFullDiskKeepsSite publishes into a small tmpfs, then a file too big
// for it: the error says the disk is full and what to do, the live site is
// kept, and once there is room again the next publish works.
func TestFullDiskKeepsSite(t *testing.T) {
	disk := t.TempDir()
	testtree.Mount(t, "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk)
	pb := &publisher{dir: filepath.Join(disk, "public"), state: filepath.Join(t.TempDir(), "state")}
	site := smallSite(3, 0)
	pb.publish(t, site)
	pb.publish(t, site)

	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	require.NoError(t, put(tx, "index.html", []byte("changed")))
	err = put(tx, "big.bin", make([]byte, 2<<20))
	tx.Abort()
	require.Error(t, err)
	t.Logf("error: %v", err)
	assert.ErrorContains(t, err, "no space left on device")
	assert.ErrorContains(t, err, "big.bin")
	assert.ErrorContains(t, err, "(the previous site is unchanged); free some disk space and build again")
	assert.Equal(t, strs(site), snapshot(t, pb.dir), "the previous site is kept")

	site = maps.Clone(site)
	site["index.html"] = []byte("changed again")
	pb.publish(t, site)
}

// TestReadOnlyFolderKeepsSite makes the folder holding the site read-only
// with a read-only bind mount (root ignores permission bits).
func TestReadOnlyFolderKeepsSite(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.Mkdir(parent, 0o755))
	dir := filepath.Join(parent, "public")
	site := smallSite(2, 0)
	require.NoError(t, Write(dir, site))

	testtree.Mount(t, "--bind", parent, parent)
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", parent).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only here: %v: %s", err, out)
	}
	err := Write(dir, smallSite(2, 1))
	require.Error(t, err)
	t.Logf("error: %v", err)
	assert.ErrorContains(t, err, "read-only file system")
	assert.ErrorContains(t, err, "(the previous site is unchanged); make the folder holding "+dir+" writable")
	assert.Equal(t, strs(site), snapshot(t, dir), "the previous site is kept")
}
