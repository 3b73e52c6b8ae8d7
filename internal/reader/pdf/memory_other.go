//go:build !linux

package pdf

import "github.com/tetratelabs/wazero/experimental"

// mmapAllocator is nil off Linux: wazero's own memory (a Go slice).
var mmapAllocator experimental.MemoryAllocator
