//! `sesame demo`: a demo campaign whose windows are open today, and one
//! admin and one gestionnaire account. Running it again changes nothing
//! but the staff passwords, reset to the printed ones.

use chrono::{Datelike, Duration, Utc};

use app::server::store::campaigns::{self, NewFormation};
use app::server::store::pieces;
use app::server::AppState;

use crate::staff;
use app::domain::review::StaffRole;

pub const ADMIN_EMAIL: &str = "admin@sesame.localhost";
pub const ADMIN_PASSWORD: &str = "Admin-Sesame-2026";
pub const GESTIONNAIRE_EMAIL: &str = "gestionnaire@sesame.localhost";
pub const GESTIONNAIRE_PASSWORD: &str = "Gestion-Sesame-2026";

/// The passerelle's "charte d'engagement", a model file to download, sign
/// and send back (guide passerelle); written once.
async fn charte_model(state: &AppState, piece: i64, year: i32) -> Result<(), String> {
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    if pieces::model_of(&mut conn, piece).await.map_err(|e| e.to_string())?.is_some() {
        return Ok(());
    }
    let text = app::server::pdf::text_document(
        &format!("Charte d'engagement – Passerelle Toulouse Tech {year}/{}", year + 1),
        &[
            "Je soussigné·e, candidat·e à l'entrée en 1re année d'école d'ingénieurs par la passerelle Toulouse Tech, m'engage à :",
            "– fournir des informations exactes et des pièces justificatives authentiques ;",
            "– suivre l'ensemble des enseignements et des évaluations de la formation si ma candidature est retenue ;",
            "– informer le service des admissions de tout changement de situation ;",
            "– confirmer ou me désister dans les délais indiqués après la décision.",
            "Fait à ………………………, le ……………………",
            "Nom, prénom et signature :",
        ],
    );
    let stored = app::server::files::store_bytes(&state.settings.files, &text, app::domain::upload::FileKind::Pdf)
        .await
        .map_err(|e| format!("{e:?}"))?;
    pieces::set_model(&mut conn, piece, &stored.stored_name, "charte-engagement.pdf")
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub async fn seed(state: &AppState) -> Result<String, String> {
    let today = Utc::now().date_naive();
    let year = if today.month() >= 9 { today.year() + 1 } else { today.year() };
    let day = |offset: i64| (today + Duration::days(offset)).format("%Y-%m-%d").to_string();
    let mut tx = state.db.pool.begin().await.map_err(|e| e.to_string())?;
    let campaign = campaigns::ensure_campaign(
        &mut tx,
        &format!("CESURE{year}"),
        &format!("Campagne eCesure {year}/{}", year + 1),
        &format!("{year}/{}", year + 1),
        state.clock.now(),
    )
    .await
    .map_err(|e| e.to_string())?;
    // The offer of guide 05 (césure tree) and the passerelle guide.
    let open = (day(-7), day(30));
    let closed = (day(-60), day(-30));
    // The six pieces of guide 05.2, common to the centre; (label, required).
    let cesure_pieces: &[(&str, bool)] = &[
        ("Copie de la pièce d'identité", true),
        ("CURRICULUM VITAE", true),
        ("Fiche de renseignements administratifs", true),
        ("CAPTURE D'ECRAN : COCHE CESURE SUR PARCOURSUP - MON MASTER", false),
        ("JUSTIFICATIFS DES PROJETS DE CESURE", true),
        ("LETTRE DE MOTIVATION", true),
    ];
    let passerelle_pieces: &[(&str, bool)] = &[
        ("Charte d'engagement signée", true),
        ("Relevés de notes de l'année en cours", true),
        ("Copie de la pièce d'identité", true),
    ];
    #[allow(clippy::type_complexity)]
    let tree: [(&str, &str, &str, &[(&str, &str)], &(String, String), &[(&str, bool)]); 4] = [
        (
            "DEMANDE DE CESURE - FACULTE DE SANTE - DEPARTEMENT MMP - MEDECINE",
            "118 route de Narbonne 31062 TOULOUSE",
            "cesure.medecine@sesame.localhost",
            &[
                ("GESTION CESURE MEDECINE DE LA 2E A LA 6E ANNEE A L'ETRANGER (ANNEE)", "césure, médecine, étranger"),
                (
                    "GESTION CESURE MEDECINE DE LA 2E A LA 6E ANNEE A L'ETRANGER (SEMESTRE 1)",
                    "césure, médecine, étranger",
                ),
                ("GESTION CESURE MEDECINE DE LA 2E A LA 6E ANNEE EN FRANCE (ANNEE)", "césure, médecine"),
                ("GESTION CESURE MEDECINE DE LA 2E A LA 6E ANNEE EN FRANCE (SEMESTRE 1)", "césure, médecine"),
            ],
            &open,
            cesure_pieces,
        ),
        (
            "DEMANDE DE CESURE - FACULTE SCIENCES ET INGENIERIE (FSI)",
            "118 route de Narbonne 31062 TOULOUSE",
            "cesure.fsi@sesame.localhost",
            &[("GESTION CESURE FSI L1 (ANNEE)", "césure, sciences")],
            &open,
            cesure_pieces,
        ),
        (
            "DEMANDE DE CESURE - IUT",
            "115 route de Narbonne 31077 TOULOUSE",
            "cesure.iut@sesame.localhost",
            &[("GESTION CESURE IUT BUT 2 (ANNEE)", "césure, IUT")],
            &closed,
            cesure_pieces,
        ),
        (
            "PASSERELLE TOULOUSE TECH",
            "Toulouse Tech, 41 allées Jules Guesde 31000 TOULOUSE",
            "passerelle.tech@sesame.localhost",
            &[(
                "PASSERELLE TOULOUSE TECH - ENTREE EN 1RE ANNEE D'ECOLE D'INGENIEURS",
                "passerelle, ingénieur, Toulouse Tech",
            )],
            &open,
            passerelle_pieces,
        ),
    ];
    let mut formations = 0;
    let mut charte = None;
    let mut gestionnaire_centres = Vec::new();
    for (label, address, email, list, (start, end), piece_list) in tree {
        let centre =
            campaigns::ensure_centre(&mut tx, campaign, label, address, email).await.map_err(|e| e.to_string())?;
        app::server::store::configuration::set_signatory_if_empty(&mut tx, centre, "Le responsable des admissions")
            .await
            .map_err(|e| e.to_string())?;
        // The demo gestionnaire works on every centre but the IUT's.
        if !label.ends_with("IUT") {
            gestionnaire_centres.push(centre);
        }
        for (position, (piece, required)) in piece_list.iter().enumerate() {
            let id = pieces::ensure_piece(&mut tx, centre, None, piece, *required, position as i64)
                .await
                .map_err(|e| e.to_string())?;
            if piece.starts_with("Charte") {
                charte = Some(id);
            }
        }
        for (title, keywords) in list {
            campaigns::ensure_formation(
                &mut tx,
                &NewFormation {
                    centre_id: centre,
                    title,
                    keywords,
                    window_start: start,
                    window_end: end,
                    return_deadline: end,
                    capacity: 40,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            formations += 1;
        }
    }
    // A few establishments of Toulouse (the directory itself is imported
    // with `sesame etablissements import`).
    for (uai, name, kind) in [
        ("0310036W", "Lycée Pierre de Fermat", "Lycée"),
        ("0310038Y", "Lycée Saint-Sernin", "Lycée"),
        ("0310041B", "Lycée Ozenne", "Lycée"),
        ("0311382J", "Université Toulouse Capitole", "Université"),
        ("0311383K", "Université Toulouse - Jean Jaurès", "Université"),
        ("0311384L", "Université Toulouse III - Paul Sabatier", "Université"),
    ] {
        app::server::store::establishments::upsert(&mut tx, uai, name, "31555", kind)
            .await
            .map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    if let Some(piece) = charte {
        charte_model(state, piece, year).await?;
    }
    staff::add(state, ADMIN_EMAIL, "Administrateur démo", StaffRole::Admin, ADMIN_PASSWORD).await?;
    let gestionnaire =
        staff::add(state, GESTIONNAIRE_EMAIL, "Gestionnaire démo", StaffRole::Gestionnaire, GESTIONNAIRE_PASSWORD)
            .await?;
    staff::assign(state, gestionnaire, &gestionnaire_centres).await?;
    Ok(format!(
        "Démo prête : campagne « Campagne eCesure {year}/{} », {formations} formations (une close).\n\
         Admin : {ADMIN_EMAIL} / {ADMIN_PASSWORD}\n\
         Gestionnaire : {GESTIONNAIRE_EMAIL} / {GESTIONNAIRE_PASSWORD}\n\
         Espace gestion : /gestion/connexion\n\
         Étudiants de l'université (CAS, annuaire, scolarité) : désactivés ; pour les essayer avec les\n\
         serveurs des tests, voir README.md, « Command line » (SESAME_CAS_URL, SESAME_LDAP_*,\n\
         sesame scolarite import testservers/scolarite/export.csv).",
        year + 1
    ))
}
