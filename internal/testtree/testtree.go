// Package testtree handles folders for the tests of several packages: a
// project copied into a temporary folder, a built site read back to compare
// it byte for byte, a small file system mounted to fill it, and what a
// build left beside its site. Only tests import it.
package testtree

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Copy copies the folder from, and everything under it, into to.
func Copy(tb testing.TB, from, to string) {
	tb.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		tb.Fatalf("copy %s to %s: %v", from, to, err)
	}
}

// Read returns every file under dir by its slash-separated path relative
// to dir.
func Read(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		tb.Fatalf("read %s: %v", dir, err)
	}
	return files
}

// Mount runs mount(8) with args, the last of which is the mount point, and
// unmounts it when the test ends. It skips the test where this environment
// does not allow mounting.
func Mount(tb testing.TB, args ...string) {
	tb.Helper()
	target := args[len(args)-1]
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		tb.Skipf("cannot mount here (%v: %s); run as root with CAP_SYS_ADMIN to test this", err, bytes.TrimSpace(out))
	}
	tb.Cleanup(func() {
		if out, err := exec.Command("umount", target).CombinedOutput(); err != nil {
			tb.Errorf("umount %s: %v: %s", target, err, out)
		}
	})
}

// Leftovers lists what builds left in dir beside public/ other than the
// publish stage's work folder, .public.publish, and fails the test when that
// folder holds anything but its lock and its spare copy of the site (see
// package publish).
func Leftovers(tb testing.TB, dir string) []string {
	tb.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".public.*"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, p := range m {
		if filepath.Base(p) != ".public.publish" {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "lock" && e.Name() != "spare" {
				tb.Errorf("the publish work folder holds its lock and spare site only, not %s", e.Name())
			}
		}
	}
	return out
}

// MemoryDir returns a new folder in memory (tmpfs, /dev/shm) where the
// system has one, else in tb.TempDir(), removed when the test ends. A test
// that writes and replaces many files takes a fraction of the time there:
// a publish takes milliseconds, and no disk keeps the files it removed.
func MemoryDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "dossier-test-")
	if err != nil {
		return tb.TempDir()
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
