package pdf

import (
	"testing"
	"unsafe"
)

// TestMappedMemory: a mapped linear memory grows in place, keeps what was
// written, gives zeroes where it grew, refuses to pass its maximum, and
// unmaps on Free.
func TestMappedMemory(t *testing.T) {
	lm := mmapAllocator.Allocate(1<<16, 1<<26)
	m, ok := lm.(*mapped)
	if !ok {
		t.Skipf("the mapping failed here (%T): the runtime's own memory is used", lm)
	}
	a := m.Reallocate(1 << 16)
	a[100] = 7
	b := m.Reallocate(1 << 20)
	if len(b) != 1<<20 || unsafe.SliceData(a) != unsafe.SliceData(b) {
		t.Fatal("the memory moved or has the wrong length")
	}
	if b[100] != 7 || b[1<<19] != 0 {
		t.Error("contents lost or not zero")
	}
	if m.Reallocate(1<<26+1) != nil {
		t.Error("grew past its maximum")
	}
	m.Free()
	m.Free()
}
