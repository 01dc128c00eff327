-- English for candidates (issue 17): each candidate's language, and the
-- mail texts staff edit, one per template and language.
ALTER TABLE candidates ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));

CREATE TABLE mail_templates_by_language (
    template_key TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by BIGINT REFERENCES staff(id),
    updated_at BIGINT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    PRIMARY KEY (template_key, language)
);
INSERT INTO mail_templates_by_language (template_key, subject, body, updated_by, updated_at, language)
    SELECT template_key, subject, body, updated_by, updated_at, 'fr' FROM mail_templates;
DROP TABLE mail_templates;
ALTER TABLE mail_templates_by_language RENAME TO mail_templates;
