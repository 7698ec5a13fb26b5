-- 0008: the access log counts repeated reads.
--
-- A reader's reads of the same private fields of one record within an hour
-- of the first are one row: reads is how many, at the first and last_at the
-- last. A coach who pages through a list all afternoon adds a row per record
-- per hour, not one per request; the coachee still sees who read what, how
-- often, and from when to when. Rows written before count one read each.

ALTER TABLE access_log ADD COLUMN reads INTEGER NOT NULL DEFAULT 1;
ALTER TABLE access_log ADD COLUMN last_at TEXT;
UPDATE access_log SET last_at = at;

-- The row a read is counted in: the reader's latest of that record.
CREATE INDEX access_log_reader ON access_log(reader, record_id, at);
