package export

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver (pure Go)

	"github.com/guihua-project/guihua/internal/plan"
)

// SQLiteSchema is the database NewSQLite writes. Ids are assigned in the
// order plans are added (documents) and in document order within a plan;
// ord is an item's 0-based position in its list. ratio, actions,
// mention_lines and facilities hold JSON arrays.
//
// The view targets_2025 has one row per (region, indicator code): the
// first 2025 target (year 2025, role "target", not empty) of that code in
// the region's plan, preferring a final plan over a draft and then the
// latest date when a region has several, and within a plan a level (kind
// "number") over a change, a ratio or text. A table with one column per
// region cannot be declared in SQL for regions not known in advance, so
// targets_2025 is the long form to pivot (e.g. pandas pivot(index="code",
// columns="region", values="value")).
//
// targets_2025_by_code has one row per code. It aggregates levels only:
// a change (kind "change", 提高1岁左右, whose value 1 is an amount, not a
// level) is never mixed into min_value, max_value and avg_value, which are
// over the level_regions regions whose target is a number. The regions
// whose target is a change are counted in change_regions and shown in
// changes, a JSON object region → raw target text; by_region holds every
// region's raw target text whatever its kind; regions counts them all. The
// JSON objects are ordered by region.
const SQLiteSchema = `
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  source_path     TEXT NOT NULL,
  source_format   TEXT NOT NULL,
  source_encoding TEXT NOT NULL,
  source_sha256   TEXT NOT NULL,
  schema_version  TEXT NOT NULL,
  title           TEXT,
  region          TEXT,
  region_level    TEXT,
  region_code     TEXT,
  province        TEXT,
  prefecture      TEXT,
  period_start    INTEGER,
  period_end      INTEGER,
  issuer          TEXT,
  date            TEXT,
  draft           INTEGER NOT NULL CHECK (draft IN (0, 1))
);
CREATE TABLE indicators (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord           INTEGER NOT NULL,
  table_caption TEXT,
  category      TEXT,
  seq           TEXT,
  name          TEXT NOT NULL,
  name_raw      TEXT NOT NULL,
  parent        TEXT,
  unit          TEXT,
  code          TEXT,
  nature        TEXT,
  line          INTEGER NOT NULL,
  end_line      INTEGER NOT NULL,
  UNIQUE (document_id, ord)
);
CREATE TABLE indicator_values (
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL,
  column_name  TEXT NOT NULL,
  year         INTEGER,
  role         TEXT,
  raw          TEXT NOT NULL,
  kind         TEXT NOT NULL,
  value        REAL,
  cmp          TEXT,
  ratio        TEXT,
  direction    TEXT,
  unit         TEXT,
  PRIMARY KEY (indicator_id, ord)
);
CREATE TABLE facilities (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord           INTEGER NOT NULL,
  name          TEXT NOT NULL,
  type          TEXT NOT NULL,
  ownership     TEXT,
  category      TEXT,
  table_caption TEXT,
  actions       TEXT NOT NULL,
  mention_lines TEXT NOT NULL,
  line          INTEGER NOT NULL,
  end_line      INTEGER NOT NULL,
  UNIQUE (document_id, ord)
);
CREATE TABLE facility_beds (
  facility_id INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  year        INTEGER,
  role        TEXT,
  raw         TEXT NOT NULL,
  kind        TEXT NOT NULL,
  value       REAL,
  cmp         TEXT,
  ratio       TEXT,
  direction   TEXT,
  unit        TEXT,
  PRIMARY KEY (facility_id, ord)
);
CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  label       TEXT,
  title       TEXT NOT NULL,
  section     TEXT,
  line        INTEGER NOT NULL,
  end_line    INTEGER NOT NULL,
  UNIQUE (document_id, ord)
);
CREATE TABLE project_items (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  subject    TEXT,
  facilities TEXT NOT NULL,
  line       INTEGER NOT NULL,
  end_line   INTEGER NOT NULL,
  section    TEXT,
  cells      TEXT,
  PRIMARY KEY (project_id, ord)
);
CREATE VIEW targets_2025 AS
SELECT code, region, region_level, document_id, indicator_id, name, unit, raw, value, cmp, kind
FROM (
  SELECT i.code, d.region, d.region_level, d.id AS document_id, i.id AS indicator_id,
         i.name, i.unit, v.raw, v.value, v.cmp, v.kind,
         ROW_NUMBER() OVER (
           PARTITION BY COALESCE(d.region, '#' || d.id), i.code
           ORDER BY d.draft, d.date DESC, d.id, v.kind <> 'number', i.ord, v.ord) AS rn
  FROM indicator_values v
  JOIN indicators i ON i.id = v.indicator_id
  JOIN documents d ON d.id = i.document_id
  WHERE i.code IS NOT NULL AND v.year = 2025 AND v.role = 'target' AND v.kind <> 'empty'
)
WHERE rn = 1;
CREATE VIEW targets_2025_by_code AS
SELECT code,
       MIN(name)  AS name,
       COUNT(*)   AS regions,
       COUNT(*) FILTER (WHERE kind = 'number') AS level_regions,
       MIN(value) FILTER (WHERE kind = 'number') AS min_value,
       MAX(value) FILTER (WHERE kind = 'number') AS max_value,
       AVG(value) FILTER (WHERE kind = 'number') AS avg_value,
       COUNT(*) FILTER (WHERE kind = 'change') AS change_regions,
       json_group_object(region_key, raw) FILTER (WHERE kind = 'change') AS changes,
       json_group_object(region_key, raw) AS by_region
FROM (SELECT t.*, COALESCE(t.region, '#' || t.document_id) AS region_key
      FROM targets_2025 t ORDER BY t.code, region_key)
GROUP BY code;
CREATE VIEW indicator_names AS
SELECT code, name_raw AS name, COUNT(*) AS rows, COUNT(DISTINCT document_id) AS documents,
       json_group_array(DISTINCT region_key) AS regions
FROM (SELECT i.code, i.name_raw, i.document_id, COALESCE(d.region, '#' || d.id) AS region_key
      FROM indicators i JOIN documents d ON d.id = i.document_id
      ORDER BY i.code, i.name_raw, region_key)
GROUP BY code, name_raw;
`

// sqliteIndexes are created after the rows are in (faster than keeping
// them up to date row by row).
const sqliteIndexes = `
CREATE INDEX documents_region ON documents (region);
CREATE INDEX indicators_code ON indicators (code, document_id);
CREATE INDEX indicator_values_year_role ON indicator_values (year, role);
CREATE INDEX facilities_document ON facilities (document_id);
CREATE INDEX facilities_type ON facilities (type);
CREATE INDEX facility_beds_year_role ON facility_beds (year, role);
CREATE INDEX projects_document ON projects (document_id);
`

// SQLite writes a database file.
type SQLite struct {
	final, tmp string
	db         *sql.DB
	tx         *sql.Tx
	stmts      map[string]*sql.Stmt
	ids        struct{ doc, ind, fac, prj int64 }
}

var sqliteInserts = map[string]string{
	"doc":  `INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"ind":  `INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"ival": `INSERT INTO indicator_values VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
	"fac":  `INSERT INTO facilities VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
	"bed":  `INSERT INTO facility_beds VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
	"prj":  `INSERT INTO projects VALUES (?,?,?,?,?,?,?,?)`,
	"item": `INSERT INTO project_items VALUES (?,?,?,?,?,?,?,?,?)`,
}

// NewSQLite creates the database in a temporary file beside path; Commit
// renames it to path, replacing any file there.
func NewSQLite(path string) (*SQLite, error) {
	t, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	t.Close()
	s := &SQLite{final: path, tmp: t.Name()}
	if err := s.open(); err != nil {
		s.Abort()
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return s, nil
}

func (s *SQLite) open() error {
	db, err := sql.Open("sqlite", s.tmp)
	if err != nil {
		return err
	}
	s.db = db
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for _, q := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA foreign_keys = ON"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	if _, err := db.ExecContext(ctx, SQLiteSchema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if s.tx, err = db.BeginTx(ctx, nil); err != nil {
		return err
	}
	s.stmts = make(map[string]*sql.Stmt)
	for name, q := range sqliteInserts {
		st, err := s.tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %s: %w", q, err)
		}
		s.stmts[name] = st
	}
	return nil
}

func (s *SQLite) exec(name string, args ...any) error {
	if _, err := s.stmts[name].Exec(args...); err != nil {
		return fmt.Errorf("insert into %s: %w", name, err)
	}
	return nil
}

// Add inserts one plan.
func (s *SQLite) Add(p *plan.Plan, _ []byte) error {
	s.ids.doc++
	doc := s.ids.doc
	d := p.Document
	var start, end any
	if d.Period != nil {
		start, end = d.Period.Start, d.Period.End
	}
	if err := s.exec("doc", doc, p.Source.Path, p.Source.Format, p.Source.Encoding, p.Source.SHA256, p.SchemaVersion,
		nullStr(d.Title), nullStr(d.Region), nullStr(d.RegionLevel), nullStr(d.RegionCode), nullStr(d.Province), nullStr(d.Prefecture), start, end, nullStr(d.Issuer), nullStr(d.Date), d.Draft); err != nil {
		return err
	}
	for i, in := range p.Indicators {
		s.ids.ind++
		if err := s.exec("ind", s.ids.ind, doc, i, nullStr(in.Table), nullStr(in.Category), nullStr(in.Seq), in.Name, in.NameRaw,
			nullStr(in.Parent), nullStr(in.Unit), nullStr(in.Code), nullStr(in.Nature), in.Span.Line, in.Span.EndLine); err != nil {
			return err
		}
		for j, v := range in.Values {
			if err := s.exec("ival", append([]any{s.ids.ind, j}, valueArgs(v)...)...); err != nil {
				return err
			}
		}
	}
	for i, f := range p.Facilities {
		s.ids.fac++
		lines := make([]int, len(f.Mentions))
		for k, m := range f.Mentions {
			lines[k] = m.Line
		}
		if err := s.exec("fac", s.ids.fac, doc, i, f.Name, f.Type, nullStr(f.Ownership), nullStr(f.Category), nullStr(f.Table),
			jsonText(f.Actions), jsonText(lines), f.Span.Line, f.Span.EndLine); err != nil {
			return err
		}
		for j, v := range f.Beds {
			if err := s.exec("bed", append([]any{s.ids.fac, j}, valueArgs(v)...)...); err != nil {
				return err
			}
		}
	}
	for i, pr := range p.Projects {
		s.ids.prj++
		if err := s.exec("prj", s.ids.prj, doc, i, nullStr(pr.Label), pr.Title, nullStr(pr.Section), pr.Span.Line, pr.Span.EndLine); err != nil {
			return err
		}
		for j, it := range pr.Items {
			if err := s.exec("item", s.ids.prj, j, it.Text, nullStr(it.Subject), jsonText(it.Facilities), it.Span.Line, it.Span.EndLine,
				nullStr(it.Section), cellsText(it.Cells)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Commit commits the rows, builds the indexes, closes the database and
// renames it into place.
func (s *SQLite) Commit() error {
	err := s.tx.Commit()
	if err == nil {
		_, err = s.db.Exec(sqliteIndexes)
	}
	if err == nil {
		_, err = s.db.Exec("ANALYZE")
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	s.db = nil
	if err == nil {
		err = syncFile(s.tmp)
	}
	if err == nil {
		err = os.Chmod(s.tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(s.tmp, s.final)
	}
	if err != nil {
		os.Remove(s.tmp)
		return fmt.Errorf("write %s: %w", s.final, err)
	}
	s.tmp = ""
	return nil
}

// Abort closes and removes the temporary database.
func (s *SQLite) Abort() {
	if s.tx != nil {
		s.tx.Rollback()
	}
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
	if s.tmp != "" {
		os.Remove(s.tmp)
		os.Remove(s.tmp + "-journal")
		s.tmp = ""
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func valueArgs(v plan.Value) []any {
	var ratio any
	if v.Ratio != nil {
		ratio = jsonText(v.Ratio)
	}
	var year any
	if v.Year != nil {
		year = *v.Year
	}
	var value any
	if v.Value != nil {
		value = *v.Value
	}
	return []any{v.Column, year, nullStr(v.Role), v.Raw, v.Kind, value, nullStr(v.Cmp), ratio, nullStr(v.Direction), nullStr(v.Unit)}
}

func nullStr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// cellsText encodes a table row item's cells as a JSON array; NULL for an
// item printed as a paragraph.
func cellsText(cells []string) any {
	if cells == nil {
		return nil
	}
	return jsonText(cells)
}

// jsonText encodes a slice as a JSON array ("[]" for none).
func jsonText[T any](v []T) string {
	if v == nil {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "[]"
	}
	return string(b)
}
