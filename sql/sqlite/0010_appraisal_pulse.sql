-- 0010: coaching mixed with appraisal is a matter of the conversation, not
-- only of two dates. Coachees answer an anonymous pulse item "my coaching
-- sessions feel like an assessment" (1-5, coachees only, shown only from
-- k_survey answers on), and the coach-the-coach review asks the reviewer
-- whether the manager keeps appraisal out of the coaching conversations.
-- Both optional: answers and reviews recorded before have neither.

ALTER TABLE survey_answer ADD COLUMN feels_like_assessment INTEGER
    CHECK (feels_like_assessment BETWEEN 1 AND 5);
ALTER TABLE supervision_review ADD COLUMN keeps_appraisal_apart TEXT
    CHECK (keeps_appraisal_apart IN ('yes', 'partly', 'no'));
