-- Sparkplug B (issue 17). Every device (and edge node) that was born is listed here, mapped or
-- not: an admin maps it to a line and a machine, and its metrics to Linewatch's meanings.
-- device_id '' is the edge node itself (its NBIRTH/NDATA metrics).
CREATE TABLE sparkplug_devices (
  group_id      TEXT NOT NULL,
  edge_node_id  TEXT NOT NULL,
  device_id     TEXT NOT NULL DEFAULT '',
  -- Both NULL until an admin maps the device; data of an unmapped device is not stored.
  line_id       TEXT,
  machine_id    TEXT,
  -- The metrics of its last birth: JSON [{"name":…,"datatype":…}].
  metrics       TEXT NOT NULL DEFAULT '[]',
  -- Metric name → meaning (temperature, units_produced, state, barcode, product_id, test_step,
  -- measured_value, unit, operator, ignore): JSON. A metric without one is read by its name.
  roles         TEXT NOT NULL DEFAULT '{}',
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL,
  mapped_by     TEXT,
  PRIMARY KEY (group_id, edge_node_id, device_id),
  CHECK ((line_id IS NULL) = (machine_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX sparkplug_devices_by_machine ON sparkplug_devices (machine_id)
  WHERE machine_id IS NOT NULL;

-- A gap in an edge node's data: a seq jump, an unknown alias, data without a birth. It is
-- closed by the node's next NBIRTH (the rebirth Linewatch asked for).
CREATE TABLE sparkplug_gaps (
  id            INTEGER PRIMARY KEY,
  group_id      TEXT NOT NULL,
  edge_node_id  TEXT NOT NULL,
  opened_ms     INTEGER NOT NULL,
  closed_ms     INTEGER,
  reason        TEXT NOT NULL
) STRICT;
CREATE INDEX sparkplug_gaps_by_node ON sparkplug_gaps (group_id, edge_node_id, opened_ms);
