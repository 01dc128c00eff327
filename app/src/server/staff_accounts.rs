//! Staff accounts, managed by admins: create (the new member chooses a
//! password through a mailed link), change name, role and centres,
//! deactivate. Anyone else gets `NotFound`. An admin cannot deactivate or
//! demote their own account (someone must stay able to manage).

use super::auth::session::Signed;
use super::auth::tokens::random_token;
use super::clock::paris_date_time;
use super::mail;
use super::review::scope;
use super::state::AppState;
use super::store::configuration as config_store;
use super::store::{campaigns, resets, sessions, staff_accounts, Conn, StoreError, Unique};
use crate::domain::problem::Problem;
use crate::domain::review::StaffRole;
use crate::domain::staff_account::{parse_account, parse_new_account};
use crate::error::AppError;
use crate::views::configuration::CentreView;
use crate::views::staff_accounts::{StaffAccountLine, StaffAccounts};

/// What the admin's form says of an account.
pub struct AccountFields<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub centres: &'a [i64],
    /// The university CAS identifier: empty unties, absent (a form without
    /// the field: CAS not configured) leaves it as it is.
    pub cas_uid: Option<&'a str>,
}

/// How long the invitation link stays valid.
pub const INVITATION_HOURS: i64 = 72;

/// The admin's staff id, the active campaign and its centres.
async fn admin(conn: &mut Conn, signed: &Signed) -> Result<(i64, i64, Vec<CentreView>), AppError> {
    let me = scope(conn, signed).await?;
    if me.role != StaffRole::Admin {
        return Err(AppError::NotFound);
    }
    let campaign = campaigns::active(conn).await?.ok_or(AppError::NotFound)?.id;
    let centres = config_store::centres(conn, None, campaign).await?;
    Ok((me.staff_id, campaign, centres))
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn list(state: &AppState, signed: &Signed) -> Result<StaffAccounts, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (me, _, centres) = admin(&mut conn, signed).await?;
    let accounts = staff_accounts::list(&mut conn).await?;
    Ok(StaffAccounts {
        me,
        centres,
        accounts: accounts
            .into_iter()
            .map(|a| StaffAccountLine {
                id: a.id,
                email: a.email,
                name: a.name,
                role: a.role,
                active: a.active,
                centres: a.centres,
                cas_uid: a.cas_uid.unwrap_or_default(),
            })
            .collect(),
        university: super::university::name(state),
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn create(
    state: &AppState,
    signed: &Signed,
    email: &str,
    fields: &AccountFields<'_>,
) -> Result<(), AppError> {
    let AccountFields { name, role, centres, cas_uid } = *fields;
    let cas_uid = cas_uid.unwrap_or_default();
    let now = state.clock.now();
    let token = random_token();
    let mut tx = state.db.pool.begin().await?;
    let (_, campaign, known) = admin(&mut tx, signed).await?;
    let known: Vec<i64> = known.iter().map(|c| c.id).collect();
    let (email, account) = parse_new_account(email, name, role, centres, &known, cas_uid)?;
    let id = match staff_accounts::insert(
        &mut tx,
        email.as_str(),
        &email.normalized(),
        &account.name,
        account.role.code(),
        now,
    )
    .await
    {
        Err(StoreError::Duplicate(Unique::StaffEmail)) => {
            return Err(AppError::invalid("email", Problem::AlreadyExists))
        }
        other => other?,
    };
    staff_accounts::set_centres(&mut tx, id, campaign, &account.centres).await?;
    tie_cas_uid(&mut tx, id, account.cas_uid.as_deref()).await?;
    let expires = now + INVITATION_HOURS * 3600;
    resets::insert(&mut tx, &state.token_hash(&token), "staff", id, now, expires).await?;
    let message = mail::compose(
        &mut tx,
        &mail::STAFF_INVITATION,
        // Staff mails are French.
        crate::domain::language::Language::Fr,
        &[
            ("nom", &account.name),
            ("role", super::words::role(account.role)),
            ("email", email.as_str()),
            ("lien", &state.link(&format!("/compte/reinitialiser/{token}"))),
            ("expiration", &paris_date_time(expires)),
            ("connexion", &state.link("/gestion/connexion")),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("staff-invitation:{id}"), email.as_str(), &message, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn update(
    state: &AppState,
    signed: &Signed,
    id: i64,
    fields: &AccountFields<'_>,
    active: bool,
) -> Result<(), AppError> {
    let AccountFields { name, role, centres, cas_uid } = *fields;
    let mut tx = state.db.pool.begin().await?;
    let (me, campaign, known) = admin(&mut tx, signed).await?;
    let known: Vec<i64> = known.iter().map(|c| c.id).collect();
    let account = parse_account(name, role, centres, &known, cas_uid.unwrap_or_default())?;
    if id == me && (!active || account.role != StaffRole::Admin) {
        return Err(AppError::invalid(if active { "role" } else { "active" }, Problem::OwnAccount));
    }
    let before = staff_accounts::cas_uid(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !staff_accounts::update(&mut tx, id, &account.name, account.role.code(), active).await? {
        return Err(AppError::NotFound);
    }
    let retied = cas_uid.is_some() && before != account.cas_uid;
    if retied {
        tie_cas_uid(&mut tx, id, account.cas_uid.as_deref()).await?;
    }
    staff_accounts::set_centres(&mut tx, id, campaign, &account.centres).await?;
    if retied {
        // Whoever signed in through the former identifier is signed out.
        sessions::delete_for_account(&mut tx, "staff", id, None).await?;
    }
    if !active {
        // A deactivated account is signed out everywhere at once, and its
        // invitation or reset links stop working.
        sessions::delete_for_account(&mut tx, "staff", id, None).await?;
        resets::revoke_for_account(&mut tx, "staff", id, state.clock.now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ties a new account to its CAS identifier; one identifier, one account.
async fn tie_cas_uid(conn: &mut Conn, id: i64, cas_uid: Option<&str>) -> Result<(), AppError> {
    match super::store::university::set_staff_cas_uid(conn, id, cas_uid).await {
        Err(StoreError::Duplicate(Unique::StaffCasUid)) => Err(AppError::invalid("cas_uid", Problem::AlreadyExists)),
        other => other.map(|_| ()).map_err(AppError::from),
    }
}
