-- The university's student records (logiciel de scolarité, issue 15), as
-- loaded by `sesame scolarite import FILE` (`server::school_records`,
-- `store::school_records`): one row per student number, the bac and the
-- years of studies at the university (Cursus interne) as JSON
-- (`domain::school_record`). A later import of the same student replaces
-- the row whole.
CREATE TABLE school_records (
    student_number TEXT PRIMARY KEY,
    ine TEXT,
    bac TEXT,
    years TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);
