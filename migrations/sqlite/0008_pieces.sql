-- Pièces justificatives (issue 4). A piece belongs to one formation, or to
-- a whole centre (formation_id NULL): then one file serves every
-- application of the candidate in that centre.
CREATE TABLE pieces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    centre_id BIGINT NOT NULL REFERENCES centres(id),
    formation_id BIGINT REFERENCES formations(id),
    label TEXT NOT NULL,
    -- 1: required; 0: conditional (a file, or "Non concerné").
    required BIGINT NOT NULL DEFAULT 1,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pieces_centre ON pieces (centre_id, position);

-- Files a candidate uploaded, stored under data/files/ by a generated name.
CREATE TABLE files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    stored_name TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX files_candidate ON files (candidate_id);

-- A candidate's answer to a piece: its status (domain::pieces), the file,
-- and the staff comment the candidate sees.
CREATE TABLE candidate_pieces (
    candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    piece_id BIGINT NOT NULL REFERENCES pieces(id),
    status TEXT NOT NULL DEFAULT 'en_attente',
    file_id BIGINT REFERENCES files(id),
    comment TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (candidate_id, piece_id)
);
