-- English for candidates (issue 17): each candidate's language, and the
-- mail texts staff edit, one per template and language.
ALTER TABLE candidates ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));

ALTER TABLE mail_templates ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
ALTER TABLE mail_templates DROP CONSTRAINT mail_templates_pkey;
ALTER TABLE mail_templates ADD PRIMARY KEY (template_key, language);
