-- 0003: the reason an assignment or a session was recorded despite a pitfall
-- refusal (an appraisal has had the column since 0001). Set only through an
-- override; the alert of the pitfall still fires.

ALTER TABLE assignment ADD COLUMN override_reason TEXT;
ALTER TABLE coaching_session ADD COLUMN override_reason TEXT;
