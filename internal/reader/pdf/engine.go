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
	pdfiumwazy "github.com/klippa-app/go-pdfium/experimental/wazy"
	"github.com/samyfodil/wazy"
	"github.com/samyfodil/wazy/api"
)

// MaxInstances bounds the PDFium instances alive at once in a process. An
// instance's memory never shrinks: it stays at its initial 18 MB on the
// corpus prints, but a print whose text is Type3 glyphs grows it (65 MB for
// a Chromium print of a 16-page plan), and a hostile file up to the
// module's 2 GiB; a batch with more workers than this waits for an
// instance. A single document uses two when both are free (read.go).
const MaxInstances = 2

// engine is the process's PDFium pool, made on the first PDF: compiling the
// WebAssembly module costs about 4 s of CPU once per machine; loading it
// from the compilation cache about 15 ms; nothing else in guihua needs it.
type engine struct {
	once sync.Once
	warm sync.Once // Start
	pool pdfium.Pool
	err  error
}

var shared engine

// cacheDir is where the WebAssembly runtime keeps the compiled module
// between processes: the user cache directory (XDG_CACHE_HOME, ~/.cache),
// guihua/wasm. An unusable directory only costs the compile time.
func cacheDir() string {
	if dir := os.Getenv("GUIHUA_WASM_CACHE"); dir != "" {
		return dir
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "guihua", "wasm")
}

func (e *engine) get() (pdfium.Pool, error) {
	e.once.Do(func() {
		rc := wazy.NewRuntimeConfig().
			// The bundled PDFium lowers setjmp/longjmp to exception handling.
			// (wazy stops a call whose context is done by itself, without
			// a goroutine per call: the reader's calls carry the reading's
			// deadline, see withModule.)
			WithCoreFeatures(api.CoreFeaturesV2 | api.CoreFeatureExceptionHandling)
		if dir := cacheDir(); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err == nil {
				if cc, err := wazy.NewCompilationCacheWithDir(dir); err == nil {
					rc = rc.WithCompilationCache(cc)
				}
			}
		}
		// A cold start (no cached compilation) compiles the module's
		// functions on every core: 3.5 s of CPU, 2.1 s on two cores.
		ctx := api.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0))
		if mmapAllocator != nil {
			// each instance's memory in a mapping of its own (memory_linux.go)
			ctx = api.WithMemoryAllocator(ctx, mmapAllocator)
		}
		e.pool, e.err = pdfiumwazy.Init(pdfiumwazy.Config{
			Context:  ctx,
			MinIdle:  0,
			MaxIdle:  MaxInstances,
			MaxTotal: min(MaxInstances, max(1, runtime.GOMAXPROCS(0))),
			// No file system: documents are handed over as bytes, and a
			// hostile file can name no path to open.
			FSConfig:      wazy.NewFSConfig(),
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

// Start begins starting PDFium in the background, so that a caller who
// knows a PDF is coming overlaps it with its own set-up (loading rules,
// building the extractor): the module is compiled or loaded from the cache
// (about 15 ms with a warm compilation cache) and the instances a document
// reads with are made and left idle (about 10 ms each, made side by side).
// Read waits for whatever is not done. Calling it more than once does no
// harm; it never makes more instances than MaxInstances.
func Start() {
	shared.warm.Do(func() {
		go func() {
			pool, err := shared.get()
			if err != nil {
				return // Read reports it
			}
			// all held until all are made, or the pool would hand the
			// first back out instead of making the second
			insts := make([]pdfium.Pdfium, min(MaxInstances, max(1, runtime.GOMAXPROCS(0))))
			var wg sync.WaitGroup
			for i := range insts {
				wg.Go(func() {
					ctx, cancel := context.WithTimeout(context.Background(), time.Second)
					defer cancel()
					insts[i], _ = pool.GetInstanceWithContext(ctx)
				})
			}
			wg.Wait()
			for _, inst := range insts {
				if inst != nil {
					_ = inst.Close() // back to the pool, idle
				}
			}
		}()
	})
}

// withModule borrows an instance for fn. With wait it waits for one;
// without, it takes one only when one is idle or can be made at once, and
// otherwise returns false without calling fn. Every call fn makes into the
// module is stopped at deadline, even inside PDFium (a page that would keep
// it busy): that failure is an ErrLimit error. Any other failed call (a
// trap, an abort) or a panic inside fn (a bug on a broken file) is an
// ErrDamaged error. Either kills the instance, so the next document gets a
// fresh one.
func withModule(deadline time.Time, wait bool, fn func(*module) error) (ran bool, err error) {
	pool, err := shared.get()
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	getCtx, cancelGet := context.WithCancel(ctx)
	if !wait {
		cancelGet() // the pool then waits for no instance
	}
	defer cancelGet()
	inst, err := pool.GetInstanceWithContext(getCtx)
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
			if !errors.Is(t.err, ErrLimit) {
				err = fmt.Errorf("%w: %v", ErrDamaged, t)
			} else {
				err = t.err
			}
			_ = inst.Kill()
			return
		}
		_ = inst.Close()
	}()
	m, err := open(ctx, inst)
	if err != nil {
		return true, err
	}
	defer m.close()
	return true, fn(m)
}
