//go:build !linux

package build

import "testing"

func hugePageAdvised(*testing.T, memRange) uintptr { return 0 }
