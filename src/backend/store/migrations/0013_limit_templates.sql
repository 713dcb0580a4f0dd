-- Alarm limit templates: a named set of limits per metric, applied to a line or to many
-- machines at once. Templates marked auto_apply are applied to a machine when it first
-- appears (registered by ingest or by a simulator run), so a fresh plant alarms out of the box.
CREATE TABLE limit_templates (
  name        TEXT PRIMARY KEY,
  auto_apply  INTEGER NOT NULL DEFAULT 0 CHECK (auto_apply IN (0, 1)),
  updated_ms  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE limit_template_metrics (
  template    TEXT NOT NULL REFERENCES limit_templates (name) ON DELETE CASCADE,
  metric      TEXT NOT NULL,
  high_high   REAL,
  high        REAL,
  low         REAL,
  low_low     REAL,
  deadband    REAL NOT NULL DEFAULT 0,
  on_delay_s  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (template, metric)
) STRICT;

-- The default set, for the built-in simulator's metrics (see README "Alarm limits"):
-- temperature runs at a 60–75 °C setpoint (an overheating machine climbs to ~112 °C);
-- vibration runs near 2 mm/s (a flood shakes it five times harder).
INSERT INTO limit_templates (name, auto_apply, updated_ms, updated_by)
  VALUES ('Simulator defaults', 1, 0, 'system');
INSERT INTO limit_template_metrics
    (template, metric, high_high, high, low, low_low, deadband, on_delay_s)
  VALUES
    ('Simulator defaults', 'temperature', 105, 90, NULL, NULL, 2, 0),
    ('Simulator defaults', 'vibration', 8, 4, NULL, NULL, 0.2, 0);
