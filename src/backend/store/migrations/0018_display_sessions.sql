-- Wall display sessions: started by an admin for one wall screen, view-only, never idle-locked.
-- NULL for an ordinary (desk) session; the screen's name for a display session.
ALTER TABLE sessions ADD COLUMN display_screen TEXT;
