package batch

import (
	"context"
	"runtime"
	"sync"
)

// ForEach runs work(ctx, i) for every i in [0, n) on up to workers
// goroutines and hands each result to emit, one call at a time from the
// calling goroutine.
//
// When ordered is true, emit sees the results in index order and at most
// 2×workers results are held at once (the dispatcher waits for the slowest
// one), so memory does not grow with n. When ordered is false, emit sees
// results as they complete.
//
// Once ctx is done, no new index is started; work already started runs to
// its end (work should check ctx itself) and its result is still emitted.
// If emit returns an error, dispatch stops the same way and ForEach returns
// that error once the started work has finished. ForEach returns how many
// indices were started: always a prefix 0..started-1.
func ForEach[T any](ctx context.Context, n, workers int, ordered bool,
	work func(ctx context.Context, i int) T, emit func(i int, r T) error) (started int, err error) {
	if n <= 0 {
		return 0, nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0) // the cores this process may use
	}
	workers = min(workers, n)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		i int
		r T
	}
	window := make(chan struct{}, 2*workers) // tokens: results in flight or held
	jobs := make(chan int)
	results := make(chan item, workers)
	dispatched := make(chan int, 1)

	go func() {
		defer close(jobs)
		count := 0
		defer func() { dispatched <- count }()
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
				count++
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				results <- item{i, work(ctx, i)}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	held := make(map[int]T)
	next := 0
	var emitErr error
	deliver := func(i int, r T) {
		if emitErr == nil {
			if e := emit(i, r); e != nil {
				emitErr = e
				cancel()
			}
		}
		<-window
	}
	for it := range results {
		if !ordered {
			deliver(it.i, it.r)
			continue
		}
		held[it.i] = it.r
		for {
			r, ok := held[next]
			if !ok {
				break
			}
			delete(held, next)
			deliver(next, r)
			next++
		}
	}
	started = <-dispatched
	return started, emitErr
}
