-- Which station (a workstation or a console-mode browser, "CR-2") an alert was acknowledged,
-- shelved or resolved at, so the alert's history shows it beside the person. Null when the
-- action named no station (a desktop standalone, an API call without the header, older rows).
ALTER TABLE alerts ADD COLUMN acked_station TEXT;
ALTER TABLE alerts ADD COLUMN shelved_station TEXT;
ALTER TABLE alerts ADD COLUMN resolved_station TEXT;
