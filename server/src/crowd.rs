//! `sesame demo --candidats N`: a crowd of candidates on top of the demo,
//! for the deadline-hour simulation (`loadtest/`) and for staff lists at
//! scale. Each is validated, has a complete dossier (Informations
//! personnelles, Adresse, Baccalauréat) and one application, not yet
//! transmitted, to one of the campaign's open césure formations in turn.
//!
//! Written through the store, 200 candidates per transaction; addresses
//! `foule000001@sesame.localhost`…, all with the one password given (hashed
//! once: each account gets the same Argon2 hash).
//! Repeatable: a login already handed out is skipped.

use app::domain::address::{Address, AddressForm};
use app::domain::bac::Bac;
use app::domain::identity::{Identity, IdentityForm, FRANCE};
use app::domain::login::ALPHABET;
use app::domain::password::Password;
use app::server::store::{accounts, applications, campaigns, dossier};
use app::server::{refdata, AppState};

const PER_TRANSACTION: u32 = 200;

/// The crowd's `n`th candidate (from 1): their login (eight symbols of the
/// logins' alphabet, `FL` then `n` in base 32) and their address, which the
/// simulation signs in with.
pub fn login(n: u32) -> String {
    let mut login = *b"FL222222";
    let mut rest = n as usize;
    for symbol in login[2..].iter_mut().rev() {
        *symbol = ALPHABET[rest % ALPHABET.len()];
        rest /= ALPHABET.len();
    }
    String::from_utf8_lossy(&login).into_owned()
}

pub fn email(n: u32) -> String {
    format!("foule{n:06}@sesame.localhost")
}

pub async fn seed(state: &AppState, count: u32, password: &str) -> Result<String, String> {
    let password = Password::parse(password).map_err(|rules| format!("mot de passe refusé : {rules:?}"))?;
    let hash = state.hasher.hash(&password).await.map_err(|e| format!("{e:?}"))?;
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    let campaign = campaigns::active(&mut conn).await.map_err(|e| e.to_string())?.ok_or("aucune campagne active")?;
    let today = app::server::dossier::today(state);
    let iso = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    let formations: Vec<i64> = applications::offer(&mut conn, campaign.id)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|f| f.centre.contains("CESURE") && f.window_start <= iso && iso <= f.window_end)
        .map(|f| f.formation_id)
        .collect();
    let settings = dossier::ine_settings(&mut conn, campaign.id).await.map_err(|e| e.to_string())?;
    drop(conn);
    if formations.is_empty() {
        return Err("aucune formation de césure ouverte : lancez d'abord `sesame demo`".into());
    }
    let mut made = 0;
    let mut n = 1;
    while n <= count {
        let now = state.clock.now();
        let mut tx = state.db.pool.begin().await.map_err(|e| e.to_string())?;
        for n in n..=count.min(n + PER_TRANSACTION - 1) {
            let login = login(n);
            if !accounts::reserve_login(&mut tx, &login).await.map_err(|e| e.to_string())? {
                continue;
            }
            let (nom, prenom) = name(n);
            let email = email(n);
            let token = format!("foule:{login}");
            let id = accounts::insert_candidate(
                &mut tx,
                &accounts::NewCandidate {
                    campaign_id: campaign.id,
                    login: &login,
                    nom: &nom,
                    prenom: &prenom,
                    email: &email,
                    email_norm: &email,
                    password_hash: &hash,
                    activation_token_hash: &state.token_hash(&token),
                    now,
                    activation_deadline: now + 86_400,
                    language: app::domain::language::Language::Fr,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            accounts::validate_candidate(&mut tx, &state.token_hash(&token), now).await.map_err(|e| e.to_string())?;
            let identity = Identity::parse(&identity_form(&nom, &prenom, n), today, settings)
                .map_err(|e| format!("informations personnelles : {e:?}"))?;
            dossier::put_ine(&mut tx, id, campaign.id, None, now).await.map_err(|e| e.to_string())?;
            dossier::put_identity(&mut tx, id, campaign.id, &identity, now).await.map_err(|e| e.to_string())?;
            let address =
                Address::parse(&address_form(n), refdata::communes_of).map_err(|e| format!("adresse : {e:?}"))?;
            dossier::put_address(&mut tx, id, &address, now).await.map_err(|e| e.to_string())?;
            dossier::put_bac(&mut tx, id, &Bac::None, now).await.map_err(|e| e.to_string())?;
            let formation = formations[(n as usize - 1) % formations.len()];
            applications::insert(&mut tx, id, formation, now).await.map_err(|e| e.to_string())?;
            made += 1;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        n += PER_TRANSACTION;
    }
    Ok(format!(
        "{made} candidats ajoutés ({} à {}), chacun avec un dossier complet et une candidature à transmettre.",
        email(1),
        email(count)
    ))
}

/// Names drawn from short lists, so that searches find several people.
fn name(n: u32) -> (String, String) {
    const NOMS: [&str; 12] = [
        "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON",
        "LAURENT",
    ];
    const PRENOMS: [&str; 10] =
        ["Léa", "Hugo", "Chloé", "Lucas", "Emma", "Nathan", "Manon", "Louis", "Camille", "Jules"];
    // The number in letters (names take no digits): 1 → B, 26 → BA.
    let mut suffix = Vec::new();
    let mut rest = n;
    loop {
        suffix.push(b'A' + (rest % 26) as u8);
        rest /= 26;
        if rest == 0 {
            break;
        }
    }
    suffix.reverse();
    let nom = format!("{} {}", NOMS[n as usize % NOMS.len()], String::from_utf8_lossy(&suffix));
    (nom, PRENOMS[(n as usize / NOMS.len()) % PRENOMS.len()].to_owned())
}

fn identity_form(nom: &str, prenom: &str, n: u32) -> IdentityForm {
    IdentityForm {
        civilite: if n.is_multiple_of(2) { "Mme" } else { "M." }.into(),
        nom_naissance: nom.into(),
        prenom: prenom.into(),
        date_naissance: format!("{:02}/{:02}/{}", 1 + n % 28, 1 + n % 12, 2000 + n % 6),
        pays_naissance: FRANCE.into(),
        departement_naissance: "31".into(),
        ville_naissance: "Toulouse".into(),
        nationalite: FRANCE.into(),
        portable: "06 12 34 56 78".into(),
        sans_ine: true,
        ..IdentityForm::default()
    }
}

fn address_form(n: u32) -> AddressForm {
    AddressForm {
        pays: FRANCE.into(),
        ligne1: format!("{} rue de la Paix", 1 + n % 200),
        code_postal: "31000".into(),
        commune: "31555".into(),
        ..AddressForm::default()
    }
}
