// Package frame holds table mechanics shared by the readers that see real
// table grids (.docx, .pdf): which cells of a grid hold text, and whether
// the grid is a single column. What such a grid means — a box frame or a
// table — is decided by the rules (rules.BlockRules.IsFrame).
package frame

// Filled returns the origin cells of a grid (cells not covered by a merge)
// that hold text, in reading order, and whether every row has at most one
// origin cell (a single-column grid).
func Filled[C any](rows [][]C, covered, hasText func(*C) bool) (filled []*C, oneColumn bool) {
	oneColumn = true
	for i := range rows {
		origins := 0
		for j := range rows[i] {
			c := &rows[i][j]
			if covered(c) {
				continue
			}
			origins++
			if hasText(c) {
				filled = append(filled, c)
			}
		}
		if origins > 1 {
			oneColumn = false
		}
	}
	return filled, oneColumn
}
