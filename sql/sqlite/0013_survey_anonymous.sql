-- 0013: the answers of the anonymous survey tied to no one.
--
-- Until now a person's answer was written to the audit log with their name,
-- its id and its values, and stored with the moment it was given (which the
-- security log's logins could match). From now on an answer gets no audit
-- entry and is stored with the first day of its month, as a ballot is; what
-- was written before is made the same: the audit entries of answers keep
-- that an answer was added, and when, but no longer by whom, which one or
-- what it said.

UPDATE audit_log
   SET actor = 'anonymous', record_id = 0, before = NULL, after = NULL
 WHERE entity = 'survey';

UPDATE survey_answer
   SET created_at = substr(created_at, 1, 8) || '01T00:00:00Z',
       updated_at = substr(updated_at, 1, 8) || '01T00:00:00Z';
