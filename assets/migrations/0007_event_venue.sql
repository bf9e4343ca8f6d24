-- Jejaring schema, version 7: events found by their venue through an index.
-- A space's detail pane lists the events held there, and deleting a space clears their venue
-- (ON DELETE SET NULL). Without an index on event.venue_id both read the whole event table:
-- 2.8 ms for every space shown at a million records.
CREATE INDEX IF NOT EXISTS event_venue ON event(venue_id);
