//! The staff dashboard (`/gestion`): counts per formation, the active
//! campaign's formations, the listes complémentaires, the mail queue, and
//! for admins the INE settings and the scheduled jobs' last runs.

use crate::domain::date::french_day;
use crate::error::AppError;
use crate::views::staff::{Dashboard, FormationRow, JobRun};

use super::auth::session::Signed;
use super::store::{campaigns, jobs, outbox};
use super::AppState;

#[tracing::instrument(skip_all, fields(staff = signed.account_id))]
pub async fn load(state: &AppState, signed: &Signed) -> Result<Dashboard, AppError> {
    let ine_settings = super::campaigns::ine_settings(state, signed).await?;
    let mut conn = state.db.pool.acquire().await?;
    let formations = match campaigns::active(&mut conn).await? {
        Some(c) => campaigns::formations(&mut conn, c.id).await?,
        None => Vec::new(),
    };
    let counts = outbox::counts(&mut conn).await?;
    // The jobs' runs are for admins, the same who see the INE settings.
    let jobs = match ine_settings {
        Some(_) => jobs::last_runs(&mut conn)
            .await?
            .into_iter()
            .map(|(name, _, finished, result)| JobRun {
                name,
                finished: finished.map(super::clock::paris_date_time),
                result: result.unwrap_or_default(),
            })
            .collect(),
        None => Vec::new(),
    };
    drop(conn);
    let stats = super::review::formation_stats(state, signed).await?;
    let waiting = super::review::waiting_lists(state, signed).await?;
    Ok(Dashboard {
        stats,
        waiting,
        formations: formations
            .into_iter()
            .map(|f| FormationRow {
                centre: f.centre,
                title: f.title,
                window_start: french_day(&f.window_start),
                window_end: french_day(&f.window_end),
                return_deadline: french_day(&f.return_deadline),
                mode: f.mode,
            })
            .collect(),
        mails_pending: counts.pending,
        mails_sent: counts.sent,
        ine_settings,
        jobs,
    })
}
