-- 0015: each survey answer keeps its coach's kind of the day it was stored.
--
-- The acceptance report shows the survey per coaching model. Grouped by the
-- coach's kind of today, a coach whose kind changed would take their past
-- answers from one model to another, and a model's figure read before and
-- after the change would give a single answer back. From now on an answer
-- keeps the kind its coach had when it was stored (and when it was moved to
-- another coach): the database sets it, so nobody who adds an answer can.
-- The answers stored before get their coach's kind of today.

ALTER TABLE survey_answer ADD COLUMN coach_kind TEXT
    CHECK (coach_kind IN ('manager', 'senior', 'internal', 'external'));

UPDATE survey_answer
   SET coach_kind = (SELECT c.kind FROM coach c WHERE c.id = survey_answer.coach);

CREATE TRIGGER survey_answer_coach_kind AFTER INSERT ON survey_answer
BEGIN
    UPDATE survey_answer SET coach_kind = (SELECT c.kind FROM coach c WHERE c.id = NEW.coach)
     WHERE id = NEW.id;
END;

CREATE TRIGGER survey_answer_coach_moved AFTER UPDATE OF coach ON survey_answer
BEGIN
    UPDATE survey_answer SET coach_kind = (SELECT c.kind FROM coach c WHERE c.id = NEW.coach)
     WHERE id = NEW.id;
END;
