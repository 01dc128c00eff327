-- Staff review (issue 5). Gestionnaires and commission members work on the
-- centres they are assigned; admins on all.
CREATE TABLE staff_centres (
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    centre_id BIGINT NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    PRIMARY KEY (staff_id, centre_id)
);

-- The audit trail of an application: who changed what, and when. The
-- actor is a staff member, or the candidate (staff_id NULL). `detail` is
-- what changed, in the words staff read.
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    staff_id BIGINT REFERENCES staff(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- Private staff notes (bloc-notes): the candidate never sees them.
CREATE TABLE staff_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff(id),
    at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX staff_notes_application ON staff_notes (application_id, id);

-- The staff list filters and sorts on these.
CREATE INDEX applications_transmitted ON applications (transmitted_at);
CREATE INDEX applications_status ON applications (status, formation_id);
