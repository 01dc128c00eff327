//! Scheduled jobs. Each runs under a lease in the database, so with several
//! servers on one PostgreSQL a job runs in one of them at a time. The
//! server runs them periodically; `sesame jobs run <job>` runs one now.

use std::time::Duration;

use app::server::auth::session::IDLE_TIMEOUT;
use app::server::store::{accounts, jobs, resets, sessions, throttle, university};
use app::server::AppState;

use crate::mailer::Mailer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Job {
    /// Deletes accounts not validated within 5 days.
    PurgeUnvalidated,
    /// Deletes idle sessions, used or expired reset links, old throttling counters.
    PurgeExpired,
    /// Sends the mails waiting in the outbox.
    SendMail,
    /// Deadlines: a reminder three days before the date limite de retour to
    /// those who have not transmitted; for favourable decisions, a reminder
    /// two days before the deadline, a withdrawal once it has passed (and
    /// the waiting list called).
    AnswerDeadlines,
    /// Destroys the dossiers and files of archived campaigns whose
    /// retention period has passed.
    Retention,
}

impl Job {
    pub const ALL: [Job; 5] =
        [Job::PurgeUnvalidated, Job::PurgeExpired, Job::SendMail, Job::AnswerDeadlines, Job::Retention];

    pub fn name(self) -> &'static str {
        match self {
            Job::PurgeUnvalidated => "purge-unvalidated",
            Job::PurgeExpired => "purge-expired",
            Job::SendMail => "send-mail",
            Job::AnswerDeadlines => "answer-deadlines",
            Job::Retention => "retention",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("job déjà en cours ailleurs")]
    Busy,
    #[error("bail perdu : le job a été repris ailleurs, ce passage s'est arrêté")]
    LeaseLost,
    #[error(transparent)]
    Store(#[from] app::server::store::StoreError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    App(#[from] app::error::AppError),
}

/// How long a run's lease lasts; the run renews it every third of that
/// while it works, so a long run keeps it and a crashed one frees it.
pub const LEASE: Duration = Duration::from_secs(600);

/// Runs one job now; returns what it did, in words.
pub async fn run(state: &AppState, mailer: &Mailer, job: Job) -> Result<String, JobError> {
    run_leased(state, mailer, job, LEASE).await
}

/// Runs one job under a lease of this length, renewed while it works;
/// stops the work if the lease was lost (expired and taken elsewhere).
pub async fn run_leased(state: &AppState, mailer: &Mailer, job: Job, lease: Duration) -> Result<String, JobError> {
    let holder = app::server::auth::tokens::random_token();
    let seconds = lease.as_secs().max(1) as i64;
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    if !jobs::try_lease(&mut conn, job.name(), &holder, now, now + seconds).await? {
        return Err(JobError::Busy);
    }
    let keep = async {
        loop {
            tokio::time::sleep(lease / 3).await;
            let renewed = match state.db.pool.acquire().await {
                Ok(mut c) => {
                    jobs::renew(&mut c, job.name(), &holder, state.clock.now() + seconds).await.map_err(JobError::from)
                }
                Err(e) => Err(JobError::from(e)),
            };
            match renewed {
                Ok(true) => {}
                Ok(false) => return JobError::LeaseLost,
                // The lease has two more thirds to go: try again next time.
                Err(error) => tracing::warn!(job = job.name(), %error, "lease not renewed"),
            }
        }
    };
    let started = std::time::Instant::now();
    let result = tokio::select! {
        done = work(state, mailer, job, &mut conn) => done,
        lost = keep => Err(lost),
    };
    crate::metrics::job(job.name(), result.is_ok(), started.elapsed().as_secs_f64());
    let text = match &result {
        Ok(text) => text.clone(),
        Err(e) => format!("échec : {e}"),
    };
    if !jobs::finish(&mut conn, job.name(), &holder, state.clock.now(), &text).await? {
        tracing::warn!(job = job.name(), "the lease was taken by another run: its record is left alone");
    }
    result
}

async fn work(
    state: &AppState,
    mailer: &Mailer,
    job: Job,
    conn: &mut app::server::store::Conn,
) -> Result<String, JobError> {
    let now = state.clock.now();
    match job {
        Job::PurgeUnvalidated => accounts::delete_unvalidated(conn, now)
            .await
            .map(|n| format!("{n} compte(s) non validé(s) supprimé(s)"))
            .map_err(JobError::from),
        Job::PurgeExpired => {
            let s = sessions::delete_idle(conn, now - IDLE_TIMEOUT).await?;
            let r = resets::delete_expired(conn, now).await?
                + app::server::store::unlocks::delete_expired(conn, now).await?
                + university::delete_joins_before(conn, now).await?
                + university::delete_sign_ins_before(conn, now - app::server::university::SIGN_IN_SECONDS).await?;
            let t = throttle::delete_stale(conn, now - 86_400).await?;
            // What uploads cut off by a crash left behind (never a file in use).
            let f = app::server::files::sweep_tmp(&state.settings.files, now - 3600).await;
            // Files whose rows went (a crash may have come between the
            // commit and the removal), then files no row names.
            let p = app::server::files::drain_pending(conn, &state.settings.files).await?;
            let o = app::server::files::sweep_orphans(conn, &state.settings.files, now - 86_400).await?;
            Ok(format!(
                "{s} session(s), {r} lien(s), {t} compteur(s), {f} fichier(s) temporaire(s), {p} fichier(s) en attente de suppression, {o} fichier(s) orphelin(s) supprimé(s)"
            ))
        }
        Job::SendMail => {
            mailer.drain(state).await.map(|n| format!("{n} courriel(s) envoyé(s)")).map_err(JobError::from)
        }
        Job::AnswerDeadlines => {
            let to_transmit = app::server::answers::remind_untransmitted(state).await?;
            let reminded = app::server::answers::remind(state).await?;
            let withdrawn = app::server::answers::expire(state).await?;
            Ok(format!("{to_transmit} rappel(s) de transmission, {reminded} rappel(s) envoyé(s), {withdrawn} désistement(s) à échéance"))
        }
        Job::Retention => app::server::campaign_lifecycle::destroy_due(state).await.map_err(JobError::from),
    }
}

/// Runs the purges every ten minutes until shutdown.
pub async fn schedule(state: AppState, mailer: Mailer, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    loop {
        for job in [Job::PurgeUnvalidated, Job::PurgeExpired, Job::AnswerDeadlines, Job::Retention] {
            match run(&state, &mailer, job).await {
                Ok(text) => tracing::info!(job = job.name(), %text, "job done"),
                Err(JobError::Busy) => {}
                Err(error) => tracing::error!(job = job.name(), %error, "job failed"),
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = shutdown.changed() => return,
        }
    }
}
