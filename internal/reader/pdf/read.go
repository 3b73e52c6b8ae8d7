package pdf

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	pdferrors "github.com/klippa-app/go-pdfium/errors"
)

// minSplitPages is the smallest document whose pages are shared with a
// second instance: opening the document again and loading its fonts there
// costs about a page.
const minSplitPages = 4

// reading is one document being read: its pages are taken in turn by one
// instance, or by two when a second one is free (a single plan, or a batch
// whose other worker is not reading a PDF), and each page read is laid out
// (pageItems) on its own goroutine meanwhile. The result does not depend on
// which instance read which page.
type reading struct {
	data     []byte
	deadline time.Time
	n        int
	pages    []*page
	pls      []*pageLayout
	next     atomic.Int64 // the next page to read
	chars    atomic.Int64 // characters read so far
	stop     atomic.Bool  // a page failed: read no more
	mu       sync.Mutex
	errPage  int // the page of err (0-based)
	err      error
	read     chan int // pages read, to lay out
}

// fail records err for page i; the error of the earliest page is kept.
func (rd *reading) fail(i int, err error) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	rd.stop.Store(true)
	if rd.err == nil || i < rd.errPage {
		rd.err, rd.errPage = err, i
	}
}

// run reads pages with doc until none is left. A *trap is returned (the
// instance is then killed); any other failure is recorded with fail.
func (rd *reading) run(doc *document) error {
	for !rd.stop.Load() {
		i := int(rd.next.Add(1)) - 1
		if i >= rd.n {
			return nil
		}
		if time.Now().After(rd.deadline) {
			rd.fail(i, fmt.Errorf("%w: reading took longer than %s (at page %d of %d)", ErrLimit, TimeLimit, i+1, rd.n))
			return nil
		}
		p, err := doc.loadPage(i)
		if err != nil {
			var t *trap
			if errors.As(err, &t) {
				rd.fail(i, fmt.Errorf("%w: %v", ErrDamaged, t))
				return err
			}
			rd.fail(i, err)
			return nil
		}
		if rd.chars.Add(int64(len(p.glyphs))) > MaxTotalChars {
			rd.fail(i, fmt.Errorf("%w: more than %d characters", ErrLimit, MaxTotalChars))
			return nil
		}
		rd.pages[i] = p
		rd.read <- i
	}
	return nil
}

// openErr is the error for a document PDFium would not open.
func openErr(err error) error {
	var t *trap
	switch {
	case errors.As(err, &t), errors.Is(err, ErrLimit):
		return err
	case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
		return ErrEncrypted
	}
	return fmt.Errorf("%w (PDFium: %v)", ErrDamaged, err)
}

// readDocument reads every page of the document, each page's items and the
// document's title.
func readDocument(data []byte, deadline time.Time) ([]*page, []*pageLayout, string, error) {
	rd := &reading{data: data, deadline: deadline}
	var title string
	var helper, layouts sync.WaitGroup
	_, err := withModule(deadline, true, func(m *module) error {
		doc, err := m.openDocument(data)
		if err != nil {
			return openErr(err)
		}
		defer doc.close()
		rd.n = doc.pageCount()
		if err := m.failed(); err != nil {
			return err
		}
		if rd.n > MaxPages {
			return fmt.Errorf("%w: %d pages, limit %d", ErrLimit, rd.n, MaxPages)
		}
		if rd.n <= 0 {
			return fmt.Errorf("%w: no pages", ErrDamaged)
		}
		title, _ = doc.metaText("Title")
		rd.pages = make([]*page, rd.n)
		rd.pls = make([]*pageLayout, rd.n)
		rd.read = make(chan int, rd.n)
		layouts.Add(1)
		go func() {
			defer layouts.Done()
			for i := range rd.read {
				rd.pls[i] = pageItems(rd.pages[i])
			}
		}()
		if rd.n >= minSplitPages {
			helper.Add(1)
			go func() {
				defer helper.Done()
				_, err := withModule(deadline, false, func(m *module) error {
					doc, err := m.openDocument(data)
					if err != nil {
						var t *trap
						if errors.As(err, &t) {
							return err
						}
						return nil // read by the first instance alone
					}
					defer doc.close()
					return rd.run(doc)
				})
				if err != nil {
					// a trap is recorded with its page already; a panic
					// or a module without its functions is recorded here
					rd.fail(rd.n, err)
				}
			}()
		}
		return rd.run(doc)
	})
	helper.Wait()
	if rd.read != nil {
		close(rd.read)
		layouts.Wait()
	}
	if err != nil {
		return nil, nil, "", err
	}
	if rd.err != nil {
		return nil, nil, "", rd.err
	}
	return rd.pages, rd.pls, title, nil
}
