-- Shift handover: per line and shift, what was open, the outgoing notes and the incoming
-- sign-off. `machines` is the part of the line the writer could see (JSON array of machine
-- ids; NULL for the whole line), so a reader is shown a handover only when they may see all
-- of it (src/shared/rules/handover-scope.ts).
CREATE TABLE shift_handovers (
  id                 INTEGER PRIMARY KEY,
  line_id            TEXT NOT NULL,
  machines           TEXT,
  shift_name         TEXT NOT NULL,
  shift_start_ms     INTEGER NOT NULL,
  shift_end_ms       INTEGER NOT NULL,
  shift_plant_date   TEXT NOT NULL,
  open_items         TEXT NOT NULL,
  notes              TEXT NOT NULL,
  handed_over_by     TEXT NOT NULL,
  handed_over_ms     INTEGER NOT NULL,
  handed_over_station TEXT,
  signed_off_by      TEXT,
  signed_off_ms      INTEGER,
  sign_off_note      TEXT
) STRICT;

CREATE INDEX shift_handovers_by_line ON shift_handovers (line_id, shift_start_ms);
