-- Sparkplug B edge-node sessions, kept beside the data they decoded (issue 17). Written in each
-- ingest batch's transaction, so a store process killed mid-stream (kill -9) comes back with the
-- sessions of exactly what was committed, and the data the backend hands it again (never
-- acknowledged) is read with the same aliases, seq and latest barcode/product/step.
-- host_session names the backend run whose MQTT connection saw the births: a new run (its
-- clean session may have missed births) drops the rows of any other and asks for rebirths.
CREATE TABLE sparkplug_sessions (
  group_id      TEXT NOT NULL,
  edge_node_id  TEXT NOT NULL,
  host_session  TEXT NOT NULL,
  bd_seq        INTEGER NOT NULL,
  last_seq      INTEGER NOT NULL,
  online        INTEGER NOT NULL CHECK (online IN (0, 1)),
  PRIMARY KEY (group_id, edge_node_id)
) STRICT;

-- The birth certificate of each device in a session (device_id '' for the node's own metrics):
-- JSON [{"name":…,"datatype":…,"alias":…}], alias only when the birth gave one.
CREATE TABLE sparkplug_certificates (
  group_id      TEXT NOT NULL,
  edge_node_id  TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  metrics       TEXT NOT NULL,
  PRIMARY KEY (group_id, edge_node_id, device_id)
) STRICT;

-- A mapped device's latest text metrics (barcode, product_id, test_step, unit, operator), which
-- a later data message's measured value is stored with: JSON {"barcode":…}.
CREATE TABLE sparkplug_remembered (
  group_id      TEXT NOT NULL,
  edge_node_id  TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  host_session  TEXT NOT NULL,
  fields        TEXT NOT NULL,
  PRIMARY KEY (group_id, edge_node_id, device_id)
) STRICT;
