#include "migrations.hpp"

#include <array>

namespace cairn::store::sqlite {
namespace {

// Version 1: users, settings, values and their history, reviews, runs, laps, the journal.
// Every row carries user_id so hosted multi-user mode needs no schema rewrite.
constexpr std::string_view v1_core = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE settings (
  user_id INTEGER NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  on_date TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  notes TEXT NOT NULL
);
CREATE INDEX reviews_user ON reviews(user_id, id);

CREATE TABLE value_defs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  why TEXT NOT NULL,
  link TEXT NOT NULL,
  practices TEXT NOT NULL,
  importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 10),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  catalogue_key TEXT
);
CREATE UNIQUE INDEX value_defs_name ON value_defs(user_id, name COLLATE NOCASE);

CREATE TABLE value_events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  kind TEXT NOT NULL CHECK (kind IN ('added','edited','reworded','reranked','retired','restored')),
  effective_on TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  review_id INTEGER REFERENCES reviews(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  why TEXT NOT NULL,
  link TEXT NOT NULL,
  practices TEXT NOT NULL,
  importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 10),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  catalogue_key TEXT
);
CREATE INDEX value_events_user ON value_events(user_id, effective_on, id);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  start_utc INTEGER NOT NULL,
  zone TEXT NOT NULL,
  sport TEXT NOT NULL,
  distance_m REAL CHECK (distance_m >= 0),
  elapsed_s REAL CHECK (elapsed_s > 0),
  moving_s REAL CHECK (moving_s > 0),
  elevation_gain_m REAL,
  avg_heart_rate_bpm INTEGER,
  max_heart_rate_bpm INTEGER,
  avg_cadence_spm REAL,
  title TEXT NOT NULL,
  route_name TEXT NOT NULL,
  notes TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual', 'file')),
  source_ref TEXT NOT NULL
);
CREATE INDEX runs_user_start ON runs(user_id, start_utc);

CREATE TABLE laps (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  elapsed_s REAL NOT NULL,
  distance_m REAL,
  avg_heart_rate_bpm INTEGER,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE journal_entries (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  run_id INTEGER REFERENCES runs(id),
  at_utc INTEGER NOT NULL,
  zone TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
  mood_after INTEGER CHECK (mood_after BETWEEN 1 AND 5),
  energy_before INTEGER CHECK (energy_before BETWEEN 1 AND 5),
  energy_after INTEGER CHECK (energy_after BETWEEN 1 AND 5),
  enjoyment INTEGER CHECK (enjoyment BETWEEN 1 AND 10),
  effort INTEGER CHECK (effort BETWEEN 1 AND 10),
  alignment INTEGER CHECK (alignment BETWEEN 1 AND 10),
  motive_value_id INTEGER REFERENCES value_defs(id),
  motive_push TEXT,
  company TEXT,
  route TEXT,
  setting TEXT,
  audio TEXT,
  weather TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX journal_entries_run ON journal_entries(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX journal_entries_user_at ON journal_entries(user_id, at_utc);

CREATE TABLE entry_alignments (
  entry_id INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
  PRIMARY KEY (entry_id, value_id)
);
)sql";

// Version 2: experiments and check-ins.
constexpr std::string_view v2_experiments_checkins = R"sql(
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  practice TEXT NOT NULL,
  question TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  ended_on TEXT,
  reflection TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('keep', 'adjust', 'drop'))
);
CREATE INDEX experiments_user ON experiments(user_id, id);

CREATE TABLE experiment_runs (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  PRIMARY KEY (experiment_id, run_id)
);

CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  on_date TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  enjoyment INTEGER CHECK (enjoyment BETWEEN 1 AND 5),
  chosen INTEGER CHECK (chosen BETWEEN 1 AND 5),
  guilt INTEGER CHECK (guilt BETWEEN 1 AND 5),
  pressure INTEGER CHECK (pressure BETWEEN 1 AND 5),
  note TEXT NOT NULL
);
CREATE INDEX checkins_user ON checkins(user_id, on_date);

CREATE TABLE checkin_areas (
  checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
  note TEXT NOT NULL,
  PRIMARY KEY (checkin_id, value_id)
);
)sql";

// Version 3: imported activity files: each run's track, and the files already imported
// (by content fingerprint) so importing the same file twice adds nothing.
constexpr std::string_view v3_imports = R"sql(
CREATE TABLE run_tracks (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  point_count INTEGER NOT NULL,
  points BLOB NOT NULL
);

CREATE TABLE imported_files (
  user_id INTEGER NOT NULL REFERENCES users(id),
  fingerprint TEXT NOT NULL,
  name TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  run_count INTEGER NOT NULL,
  PRIMARY KEY (user_id, fingerprint)
);

CREATE INDEX runs_user_source ON runs(user_id, source_ref) WHERE source_ref != '';
)sql";

// Version 4: a run the importer was unsure of carries why, for the runner to check.
constexpr std::string_view v4_run_review = R"sql(
ALTER TABLE runs ADD COLUMN review TEXT NOT NULL DEFAULT '';
)sql";

// Version 5: ids are never reused. Without AUTOINCREMENT SQLite gives a new row the id of a
// deleted last row, so "run 12" in a runner's notes could come to mean another run. SQLite
// cannot add AUTOINCREMENT to a table, so each table is rebuilt (foreign keys are off while
// migrations run, and checked before they commit): same columns, constraints and indexes.
constexpr std::string_view v5_ids_never_reused = R"sql(
CREATE TABLE reviews_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  on_date TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  notes TEXT NOT NULL
);
INSERT INTO reviews_new SELECT id, user_id, on_date, written_at, trigger_text, notes FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_new RENAME TO reviews;
CREATE INDEX reviews_user ON reviews(user_id, id);

CREATE TABLE value_defs_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  why TEXT NOT NULL,
  link TEXT NOT NULL,
  practices TEXT NOT NULL,
  importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 10),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  catalogue_key TEXT
);
INSERT INTO value_defs_new SELECT id, user_id, name, description, why, link, practices,
  importance, active, catalogue_key FROM value_defs;
DROP TABLE value_defs;
ALTER TABLE value_defs_new RENAME TO value_defs;
CREATE UNIQUE INDEX value_defs_name ON value_defs(user_id, name COLLATE NOCASE);

CREATE TABLE value_events_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  kind TEXT NOT NULL CHECK (kind IN ('added','edited','reworded','reranked','retired','restored')),
  effective_on TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  review_id INTEGER REFERENCES reviews(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  why TEXT NOT NULL,
  link TEXT NOT NULL,
  practices TEXT NOT NULL,
  importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 10),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  catalogue_key TEXT
);
INSERT INTO value_events_new SELECT id, user_id, value_id, kind, effective_on, recorded_at,
  reason, review_id, name, description, why, link, practices, importance, active, catalogue_key
  FROM value_events;
DROP TABLE value_events;
ALTER TABLE value_events_new RENAME TO value_events;
CREATE INDEX value_events_user ON value_events(user_id, effective_on, id);

CREATE TABLE runs_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  start_utc INTEGER NOT NULL,
  zone TEXT NOT NULL,
  sport TEXT NOT NULL,
  distance_m REAL CHECK (distance_m >= 0),
  elapsed_s REAL CHECK (elapsed_s > 0),
  moving_s REAL CHECK (moving_s > 0),
  elevation_gain_m REAL,
  avg_heart_rate_bpm INTEGER,
  max_heart_rate_bpm INTEGER,
  avg_cadence_spm REAL,
  title TEXT NOT NULL,
  route_name TEXT NOT NULL,
  notes TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual', 'file')),
  source_ref TEXT NOT NULL,
  review TEXT NOT NULL DEFAULT ''
);
INSERT INTO runs_new SELECT id, user_id, start_utc, zone, sport, distance_m, elapsed_s,
  moving_s, elevation_gain_m, avg_heart_rate_bpm, max_heart_rate_bpm, avg_cadence_spm, title,
  route_name, notes, source, source_ref, review FROM runs;
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
CREATE INDEX runs_user_start ON runs(user_id, start_utc);
CREATE INDEX runs_user_source ON runs(user_id, source_ref) WHERE source_ref != '';

CREATE TABLE journal_entries_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  run_id INTEGER REFERENCES runs(id),
  at_utc INTEGER NOT NULL,
  zone TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
  mood_after INTEGER CHECK (mood_after BETWEEN 1 AND 5),
  energy_before INTEGER CHECK (energy_before BETWEEN 1 AND 5),
  energy_after INTEGER CHECK (energy_after BETWEEN 1 AND 5),
  enjoyment INTEGER CHECK (enjoyment BETWEEN 1 AND 10),
  effort INTEGER CHECK (effort BETWEEN 1 AND 10),
  alignment INTEGER CHECK (alignment BETWEEN 1 AND 10),
  motive_value_id INTEGER REFERENCES value_defs(id),
  motive_push TEXT,
  company TEXT,
  route TEXT,
  setting TEXT,
  audio TEXT,
  weather TEXT NOT NULL,
  body TEXT NOT NULL
);
INSERT INTO journal_entries_new SELECT id, user_id, run_id, at_utc, zone, written_at,
  mood_before, mood_after, energy_before, energy_after, enjoyment, effort, alignment,
  motive_value_id, motive_push, company, route, setting, audio, weather, body
  FROM journal_entries;
DROP TABLE journal_entries;
ALTER TABLE journal_entries_new RENAME TO journal_entries;
CREATE UNIQUE INDEX journal_entries_run ON journal_entries(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX journal_entries_user_at ON journal_entries(user_id, at_utc);

CREATE TABLE experiments_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  value_id INTEGER NOT NULL REFERENCES value_defs(id),
  practice TEXT NOT NULL,
  question TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  ended_on TEXT,
  reflection TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('keep', 'adjust', 'drop'))
);
INSERT INTO experiments_new SELECT id, user_id, value_id, practice, question, starts_on, ends_on,
  ended_on, reflection, decision FROM experiments;
DROP TABLE experiments;
ALTER TABLE experiments_new RENAME TO experiments;
CREATE INDEX experiments_user ON experiments(user_id, id);

CREATE TABLE checkins_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  on_date TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  enjoyment INTEGER CHECK (enjoyment BETWEEN 1 AND 5),
  chosen INTEGER CHECK (chosen BETWEEN 1 AND 5),
  guilt INTEGER CHECK (guilt BETWEEN 1 AND 5),
  pressure INTEGER CHECK (pressure BETWEEN 1 AND 5),
  note TEXT NOT NULL
);
INSERT INTO checkins_new SELECT id, user_id, on_date, written_at, enjoyment, chosen, guilt,
  pressure, note FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;
CREATE INDEX checkins_user ON checkins(user_id, on_date);
)sql";

// Version 6: route familiarity (decision 0007), worked out by the app from the tracks and
// kept so that a new run is compared through an index, never by reading every track. Derived
// data: never exported, rebuilt on restore. `run_ground` holds each run's cells (eight bytes
// each, in order; last, so reading the numbers before them never reads the cells), the start
// they were saved with, how many were familiar and its route, and goes with the run.
// `cell_first` holds, per cell the runner ever ran, the first run through it: one seek a cell,
// and a row written only for new ground (a row per run and cell made every new run four times
// as slow). `routes` are the shapes of the routes found (the cells of the run that made each),
// ids never reused, and `route_cells` their index, whose rows go with their route by the
// trigger. Databases with tracks from before are marked for the app to work the ground out
// once (`ground_rebuild`).
constexpr std::string_view v6_route_familiarity = R"sql(
CREATE TABLE routes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  cell_count INTEGER NOT NULL CHECK (cell_count > 0),
  cells TEXT NOT NULL
);
CREATE INDEX routes_user ON routes(user_id, id);

CREATE TABLE route_cells (
  user_id INTEGER NOT NULL,
  cell INTEGER NOT NULL,
  route_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, cell, route_id)
) WITHOUT ROWID;

CREATE TRIGGER route_takes_its_cells AFTER DELETE ON routes BEGIN
  DELETE FROM route_cells WHERE user_id = old.user_id
    AND cell IN (SELECT value FROM json_each(old.cells)) AND route_id = old.id;
END;

CREATE TABLE run_ground (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  start_utc INTEGER NOT NULL,
  cell_count INTEGER NOT NULL CHECK (cell_count > 0),
  familiar_cells INTEGER NOT NULL CHECK (familiar_cells BETWEEN 0 AND cell_count),
  route_id INTEGER REFERENCES routes(id),
  cells BLOB NOT NULL CHECK (length(cells) = 8 * cell_count)
);
CREATE INDEX run_ground_user_route ON run_ground(user_id, route_id);

CREATE TABLE cell_first (
  user_id INTEGER NOT NULL,
  cell INTEGER NOT NULL,
  start_utc INTEGER NOT NULL,
  run_id INTEGER NOT NULL REFERENCES run_ground(run_id),
  PRIMARY KEY (user_id, cell)
) WITHOUT ROWID;

CREATE TABLE ground_rebuild (
  user_id INTEGER PRIMARY KEY REFERENCES users(id)
);
INSERT INTO ground_rebuild (user_id)
  SELECT DISTINCT r.user_id FROM runs r JOIN run_tracks t ON t.run_id = r.id;
)sql";

// Version 7: small goals on experiments (issue 11) and the form cue rating of a journal entry
// (decision 0008). Columns added, every one NULL for the rows before: an old experiment has
// no goal, an old entry no rating. A goal is its kind and the members of that kind
// (`goal_distance_m` is the target of a distance goal and the length a pace goal is held
// over); the domain's check decides which go together, the schema only their ranges.
constexpr std::string_view v7_small_goals = R"sql(
ALTER TABLE experiments ADD COLUMN goal_kind TEXT
  CHECK (goal_kind IN ('distance', 'time', 'pace', 'runs_per_week', 'form_cue'));
ALTER TABLE experiments ADD COLUMN goal_distance_m REAL CHECK (goal_distance_m > 0);
ALTER TABLE experiments ADD COLUMN goal_seconds REAL CHECK (goal_seconds > 0);
ALTER TABLE experiments ADD COLUMN goal_pace_s_per_km REAL CHECK (goal_pace_s_per_km > 0);
ALTER TABLE experiments ADD COLUMN goal_runs_per_week INTEGER
  CHECK (goal_runs_per_week BETWEEN 1 AND 14);
ALTER TABLE experiments ADD COLUMN goal_cue TEXT;
ALTER TABLE experiments ADD COLUMN goal_cue_target INTEGER CHECK (goal_cue_target BETWEEN 0 AND 10);
ALTER TABLE journal_entries ADD COLUMN cue_rating INTEGER CHECK (cue_rating BETWEEN 0 AND 10);
)sql";

constexpr std::array<Migration, 7> all{{
    {1, "core: values, history, runs, journal", v1_core},
    {2, "experiments and check-ins", v2_experiments_checkins},
    {3, "imports: run tracks and imported files", v3_imports},
    {4, "runs to check: why the importer was unsure", v4_run_review},
    {5, "ids never reused: AUTOINCREMENT on every table others refer to", v5_ids_never_reused},
    {6, "route familiarity: each run's cells and familiar share, routes", v6_route_familiarity},
    {7, "small goals on experiments, form cue ratings on entries", v7_small_goals},
}};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace cairn::store::sqlite
