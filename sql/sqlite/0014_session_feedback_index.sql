-- 0014: the coachee's feedback in the covering index of held sessions.
--
-- The coaches report (plan/report_coaches.c) reads every held session of a
-- range of months for its time, minutes and feedback score. With the score
-- in the index it reads them without the rows (and their content), as the
-- rules read time and minutes already; the index answers what it answered.

DROP INDEX coaching_session_held;
CREATE INDEX coaching_session_held ON coaching_session(assignment, status, at, minutes, feedback);
