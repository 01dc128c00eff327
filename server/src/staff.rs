//! `sesame staff add`: creates (or resets) a staff account.

use app::domain::email::EmailAddress;
use app::domain::password::Password;
use app::domain::review::StaffRole;
use app::server::auth::tokens::random_bytes;
use app::server::store::accounts;
use app::server::AppState;

/// The role as the command line writes it (`admin`, `gestionnaire`,
/// `commission`).
pub fn parse_role(code: &str) -> Result<StaffRole, String> {
    StaffRole::from_code(code).ok_or_else(|| format!("rôle inconnu : {code} (admin, gestionnaire ou commission)"))
}

/// A random password that meets the policy (for accounts made by the CLI).
pub fn generate_password() -> String {
    let alphabet = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let body: String = random_bytes::<14>().iter().map(|b| alphabet[*b as usize % alphabet.len()] as char).collect();
    format!("{body}-Aa9")
}

pub async fn add(state: &AppState, email: &str, name: &str, role: StaffRole, password: &str) -> Result<i64, String> {
    let email = EmailAddress::parse(email).map_err(|p| format!("adresse mail refusée : {p:?}"))?;
    let password = Password::parse(password).map_err(|rules| format!("mot de passe refusé : {rules:?}"))?;
    let hash = state.hasher.hash(&password).await.map_err(|e| e.to_string())?;
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    accounts::upsert_staff(&mut conn, email.as_str(), &email.normalized(), name, role.code(), &hash, state.clock.now())
        .await
        .map_err(|e| e.to_string())
}

/// Assigns centres to a staff member (kept if already assigned).
pub async fn assign(state: &AppState, staff_id: i64, centres: &[i64]) -> Result<(), String> {
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    for centre in centres {
        app::server::store::review::assign_centre(&mut conn, staff_id, *centre)
            .await
            .map_err(|e| format!("centre {centre} : {e}"))?;
    }
    Ok(())
}

/// Ties a staff account to its identifier at the university's CAS.
pub async fn tie_cas_uid(state: &AppState, id: i64, uid: &str) -> Result<(), String> {
    let uid = uid.trim();
    if uid.is_empty() || uid.len() > 128 {
        return Err("identifiant CAS vide ou trop long".into());
    }
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    match app::server::store::university::set_staff_cas_uid(&mut conn, id, Some(uid)).await {
        Ok(_) => Ok(()),
        Err(app::server::store::StoreError::Duplicate(_)) => {
            Err(format!("l'identifiant CAS {uid} est déjà celui d'un autre compte"))
        }
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_passwords_meet_the_policy() {
        for _ in 0..50 {
            assert!(app::domain::password::Password::parse(&super::generate_password()).is_ok());
        }
    }
}
