-- After the decision (issue 6): the candidate confirms or withdraws a
-- favourable decision before its deadline (UTC seconds: the end of the
-- last day, Europe/Paris); a withdrawal frees the place for the waiting list.
ALTER TABLE applications ADD COLUMN answer_deadline BIGINT;
ALTER TABLE applications ADD COLUMN confirmed_at BIGINT;
ALTER TABLE applications ADD COLUMN withdrawn_at BIGINT;
-- 1: the deadline passed without an answer.
ALTER TABLE applications ADD COLUMN withdrawn_by_deadline BIGINT NOT NULL DEFAULT 0;
-- The reminder two days before the deadline left (once).
ALTER TABLE applications ADD COLUMN answer_reminded_at BIGINT;
CREATE INDEX applications_answers ON applications (formation_id, decision, withdrawn_at);
