package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// MaxInstances bounds the PDFium instances alive at once in a process. An
// instance's memory never shrinks: it stays at its initial 18 MB on the
// corpus prints, but a print whose text is Type3 glyphs grows it (65 MB for
// a Chromium print of a 16-page plan), and a hostile file up to the
// module's 2 GiB; a batch with more workers than this waits for an
// instance. A single document uses two when both are free (read.go).
const MaxInstances = 2

// engine is the process's PDFium pool, made on the first PDF: compiling the
// WebAssembly module costs about 3 s of CPU, 0.2–0.5 s with wazero's
// compilation cache, and nothing else in guihua needs it.
type engine struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

var shared engine

// cacheDir is where wazero keeps the compiled module between processes: the
// user cache directory (XDG_CACHE_HOME, ~/.cache), guihua/wazero. An
// unusable directory only costs the compile time.
func cacheDir() string {
	if dir := os.Getenv("GUIHUA_WASM_CACHE"); dir != "" {
		return dir
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "guihua", "wazero")
}

func (e *engine) get() (pdfium.Pool, error) {
	e.once.Do(func() {
		rc := wazero.NewRuntimeConfig().
			// The bundled PDFium lowers setjmp/longjmp to exception handling.
			// (No WithCloseOnContextDone: it starts a goroutine on every
			// call into the module, a third of the reading time. The time
			// limit is checked between pages and objects instead.)
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if dir := cacheDir(); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err == nil {
				if cc, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
					rc = rc.WithCompilationCache(cc)
				}
			}
		}
		// A cold start (no cached compilation) compiles the module's
		// functions on every core: 3 s of CPU, about half that in time on
		// two cores.
		ctx := experimental.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0))
		if mmapAllocator != nil {
			// each instance's memory in a mapping of its own (memory_linux.go)
			ctx = experimental.WithMemoryAllocator(ctx, mmapAllocator)
		}
		e.pool, e.err = webassembly.Init(webassembly.Config{
			Context:  ctx,
			MinIdle:  0,
			MaxIdle:  MaxInstances,
			MaxTotal: min(MaxInstances, max(1, runtime.GOMAXPROCS(0))),
			// No file system: documents are handed over as bytes, and a
			// hostile file can name no path to open.
			FSConfig:      wazero.NewFSConfig(),
			RuntimeConfig: rc,
			Stdout:        io.Discard,
			Stderr:        io.Discard,
			ReuseWorkers:  true,
		})
		if e.err != nil {
			e.err = fmt.Errorf("start PDFium: %w", e.err)
		}
	})
	return e.pool, e.err
}

// Start begins starting PDFium (compiling or loading the module, about
// 85 ms with a warm compilation cache) in the background, so that a caller
// who knows a PDF is coming can overlap it with its own set-up (loading
// rules); Read waits for it. Calling it more than once does no harm.
func Start() { go func() { _, _ = shared.get() }() }

// withModule borrows an instance for fn. With wait it waits for one;
// without, it takes one only when one is idle or can be made at once, and
// otherwise returns false without calling fn. A failed call into the module
// (a trap, an abort) or a panic inside fn (a bug on a broken file) kills the
// instance and becomes an ErrDamaged error, so the next document gets a
// fresh one.
func withModule(wait bool, fn func(*module) error) (ran bool, err error) {
	pool, err := shared.get()
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	if !wait {
		cancel() // the pool then waits for no instance
	}
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if !wait {
			return false, nil
		}
		return false, fmt.Errorf("no PDFium instance: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: PDFium failed: %v", ErrDamaged, r)
			_ = inst.Kill()
			return
		}
		if t := (*trap)(nil); errors.As(err, &t) {
			err = fmt.Errorf("%w: %v", ErrDamaged, t)
			_ = inst.Kill()
			return
		}
		_ = inst.Close()
	}()
	m, err := open(inst)
	if err != nil {
		return true, err
	}
	defer m.close()
	return true, fn(m)
}
