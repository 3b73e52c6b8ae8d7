//go:build linux

package pdf

import (
	"syscall"

	"github.com/samyfodil/wazy/api"
)

// mmapAllocator backs each instance's WebAssembly memory with a mapping of
// its own, reserved at the module's maximum (2 GiB of address space, no
// memory until touched): growing it never copies it. The runtime's default is a
// Go slice that is copied into a larger one on every memory.grow, leaving
// the old one to the garbage collector. Unmapped when the instance closes.
var mmapAllocator api.MemoryAllocator = api.MemoryAllocatorFunc(func(capacity, maxBytes uint64) api.LinearMemory {
	if maxBytes > 0 && maxBytes <= 1<<32 {
		b, err := syscall.Mmap(-1, 0, int(maxBytes), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
		if err == nil {
			return &mapped{buf: b[:0]}
		}
	}
	return &sliceMemory{buf: make([]byte, 0, capacity)}
})

// mapped is a linear memory in a mapping of its maximum size.
type mapped struct{ buf []byte }

func (m *mapped) Reallocate(size uint64) []byte {
	if size > uint64(cap(m.buf)) {
		return nil
	}
	m.buf = m.buf[:size]
	return m.buf
}

func (m *mapped) Free() {
	if m.buf != nil {
		_ = syscall.Munmap(m.buf[:cap(m.buf)])
		m.buf = nil
	}
}

// sliceMemory is the runtime's own behaviour, for when the mapping fails (a
// strict overcommit policy, a small address-space limit).
type sliceMemory struct{ buf []byte }

func (m *sliceMemory) Reallocate(size uint64) []byte {
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	m.buf = append(m.buf, make([]byte, size-uint64(len(m.buf)))...)
	return m.buf
}

func (m *sliceMemory) Free() { m.buf = nil }
