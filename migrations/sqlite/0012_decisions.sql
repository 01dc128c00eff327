-- Decisions (issue 5). A decision is prepared as a draft (published_at
-- NULL), then published: only then the candidate sees it and is mailed.
-- Published decisions stay as the history; the application carries the
-- one in force (applications.decision, decision_rank).
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    rank BIGINT,
    reason TEXT,
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    published_by BIGINT REFERENCES staff(id),
    published_at BIGINT
);
CREATE INDEX decisions_application ON decisions (application_id, id);
-- At most one draft per application.
CREATE UNIQUE INDEX decisions_one_draft ON decisions (application_id) WHERE published_at IS NULL;

ALTER TABLE applications ADD COLUMN decision_rank BIGINT;
ALTER TABLE applications ADD COLUMN decision_reason TEXT;

-- The reasons of a défavorable decision, kept by the admin per campaign.
CREATE TABLE decision_reasons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    label TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX decision_reasons_label ON decision_reasons (campaign_id, label);
INSERT INTO decision_reasons (campaign_id, label, position) SELECT id, 'Capacité d''accueil atteinte', 1 FROM campaigns;
INSERT INTO decision_reasons (campaign_id, label, position) SELECT id, 'Prérequis non satisfaits', 2 FROM campaigns;
INSERT INTO decision_reasons (campaign_id, label, position) SELECT id, 'Projet insuffisamment motivé', 3 FROM campaigns;
