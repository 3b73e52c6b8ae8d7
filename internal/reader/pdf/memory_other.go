//go:build !linux

package pdf

import "github.com/samyfodil/wazy/api"

// mmapAllocator is nil off Linux: the runtime's own memory (a Go slice).
var mmapAllocator api.MemoryAllocator
