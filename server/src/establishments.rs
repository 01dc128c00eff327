//! `sesame etablissements import FILE`: loads the establishments directory
//! from the Annuaire de l'éducation CSV (data.gouv.fr, Licence Ouverte;
//! `;`-separated, with a header naming `Identifiant_de_l_etablissement`,
//! `Nom_etablissement`, `Code_commune` and optionally `Type_etablissement`).
//! Repeatable: rows are upserted by UAI, in one transaction.

use app::server::store::establishments;
use app::server::AppState;

/// Splits one `;`-separated line, honouring double quotes.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
    out
}

pub struct Row {
    pub uai: String,
    pub name: String,
    pub commune: String,
    pub kind: String,
}

/// The rows of the file, or what is wrong with its header.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let mut lines = text.lines();
    let header = fields(lines.next().ok_or("fichier vide")?.trim_start_matches('\u{feff}'));
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (uai, name, commune) =
        match (column("Identifiant_de_l_etablissement"), column("Nom_etablissement"), column("Code_commune")) {
            (Some(u), Some(n), Some(c)) => (u, n, c),
            _ => {
                return Err(
                    "colonnes attendues : Identifiant_de_l_etablissement ; Nom_etablissement ; Code_commune".into()
                )
            }
        };
    let kind = column("Type_etablissement");
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(fields)
        .filter_map(|f| {
            let get = |i: usize| f.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
            let row =
                Row { uai: get(uai), name: get(name), commune: get(commune), kind: kind.map(get).unwrap_or_default() };
            (!row.uai.is_empty() && !row.name.is_empty() && !row.commune.is_empty()).then_some(row)
        })
        .collect())
}

pub async fn import(state: &AppState, rows: &[Row]) -> Result<usize, String> {
    let mut tx = state.db.pool.begin().await.map_err(|e| e.to_string())?;
    for r in rows {
        establishments::upsert(&mut tx, &r.uai, &r.name, &r.commune, &r.kind).await.map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_directory_csv() {
        let text = "\u{feff}Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune\n\
                    0310036W;\"Lycée Pierre de Fermat\";Lycée;31555\n\
                    0311235D;\"Lycée \"\"Ozenne\"\"\";Lycée;31555\n\
                    ;sans UAI;Lycée;31555\n";
        let rows = parse(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].uai.as_str(), rows[0].name.as_str(), rows[0].commune.as_str(), rows[0].kind.as_str()),
            ("0310036W", "Lycée Pierre de Fermat", "31555", "Lycée")
        );
        assert_eq!(rows[1].name, "Lycée \"Ozenne\"");
        assert!(parse("a;b\n1;2").is_err());
    }
}
