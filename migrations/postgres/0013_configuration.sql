-- Configuration by staff (issue 5).

-- The pieces a formation asks for: a piece common to every formation of
-- its centre, or one the formations that need it name (formation_pieces).
-- pieces.formation_id is superseded by formation_pieces and left NULL by
-- new pieces.
ALTER TABLE pieces ADD COLUMN common BIGINT NOT NULL DEFAULT 1;
UPDATE pieces SET common = 0 WHERE formation_id IS NOT NULL;
CREATE TABLE formation_pieces (
    formation_id BIGINT NOT NULL REFERENCES formations(id) ON DELETE CASCADE,
    piece_id BIGINT NOT NULL REFERENCES pieces(id) ON DELETE CASCADE,
    PRIMARY KEY (formation_id, piece_id)
);
CREATE INDEX formation_pieces_piece ON formation_pieces (piece_id);
INSERT INTO formation_pieces (formation_id, piece_id) SELECT formation_id, id FROM pieces WHERE formation_id IS NOT NULL;

-- Publication of results and the confirmation date (days in Europe/Paris).
ALTER TABLE formations ADD COLUMN publication_day TEXT;
ALTER TABLE formations ADD COLUMN confirmation_day TEXT;

-- Who signs the centre's letters.
ALTER TABLE centres ADD COLUMN signatory TEXT NOT NULL DEFAULT '';

-- The columns a staff member shows in the list ("nom,formation,…"; NULL: all).
ALTER TABLE staff ADD COLUMN list_columns TEXT;

-- Mail texts edited by staff; a template without a row here is the
-- default written in server/mail.rs ("Rétablir" deletes the row).
CREATE TABLE mail_templates (
    template_key TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by BIGINT REFERENCES staff(id),
    updated_at BIGINT NOT NULL
);
