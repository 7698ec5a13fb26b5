-- 0009: the reason a coach-the-coach review was recorded by someone other
-- than the manager's own superior (or the reviewer the organisation names).
-- Set only through an override, as for assignments, sessions and appraisals
-- (0003); such a review does not count for the no-supervision rule.

ALTER TABLE supervision_review ADD COLUMN override_reason TEXT;
