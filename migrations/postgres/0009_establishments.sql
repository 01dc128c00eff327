-- Establishments (lycées, universities…) offered by the "Etablissement"
-- type-ahead of Baccalauréat and Cursus externe. Operators import the
-- official directory (`sesame etablissements import`, the Annuaire de
-- l'éducation CSV of data.gouv.fr, Licence Ouverte); the demo seeds a few.
-- name_norm is domain::lookup::normalize(name), searched by word prefix.
CREATE TABLE establishments (
    uai TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_norm TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT ''
);
CREATE INDEX establishments_commune ON establishments (commune_code, name_norm);
