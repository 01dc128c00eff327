//! Job leases (issue 12), on both databases: only the holder of a lease
//! renews or releases it, so a run that outlived its lease never ends the
//! run that took over, and a run releases its own lease when it ends.

use crate::support::TestApp;
use app::server::store::jobs;
use sesame_server::jobs::{Job, JobError};
use sesame_server::mailer::{Mailer, Transport};

async fn lease_until(app: &TestApp, job: &str) -> i64 {
    sqlx::query_scalar("SELECT lease_until FROM job_runs WHERE job = $1")
        .bind(job)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

on_both_databases!(only_the_holder_renews_or_releases_a_lease, |app: TestApp| async move {
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    assert!(jobs::try_lease(&mut conn, "essai", "A", 100, 700).await.unwrap());
    assert!(!jobs::try_lease(&mut conn, "essai", "B", 200, 800).await.unwrap(), "A holds it");
    assert!(!jobs::finish(&mut conn, "essai", "B", 250, "fini").await.unwrap(), "B cannot release A's lease");
    assert_eq!(lease_until(&app, "essai").await, 700);
    // A, still working, renews: B is kept out past the first term.
    assert!(jobs::renew(&mut conn, "essai", "A", 1300).await.unwrap());
    assert!(!jobs::try_lease(&mut conn, "essai", "B", 800, 1400).await.unwrap());
    // A stalls past its lease: B takes over; A can neither renew nor release B's.
    assert!(jobs::try_lease(&mut conn, "essai", "B", 1400, 2000).await.unwrap());
    assert!(!jobs::renew(&mut conn, "essai", "A", 2600).await.unwrap());
    assert!(!jobs::finish(&mut conn, "essai", "A", 1500, "fini en retard").await.unwrap());
    assert_eq!(lease_until(&app, "essai").await, 2000);
    assert!(jobs::finish(&mut conn, "essai", "B", 1600, "fini").await.unwrap());
    assert_eq!(lease_until(&app, "essai").await, 0);
    drop(conn);

    // A real run: refused while another holds the lease, its own released after.
    let outbox = std::env::temp_dir().join(format!("sesame-leases-{}", std::process::id()));
    let mailer = Mailer::new(Transport::Files(outbox.clone()), "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap());
    let now = app.state.clock.now();
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    assert!(jobs::try_lease(&mut conn, Job::PurgeExpired.name(), "ailleurs", now, now + 600).await.unwrap());
    drop(conn);
    assert!(matches!(sesame_server::jobs::run(&app.state, &mailer, Job::PurgeExpired).await, Err(JobError::Busy)));
    assert_eq!(lease_until(&app, Job::PurgeExpired.name()).await, now + 600, "the other holder keeps its lease");
    sqlx::query("UPDATE job_runs SET lease_until = 1 WHERE job = $1")
        .bind(Job::PurgeExpired.name())
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    sesame_server::jobs::run(&app.state, &mailer, Job::PurgeExpired).await.unwrap();
    assert_eq!(lease_until(&app, Job::PurgeExpired.name()).await, 0, "released at the end of the run");
    let _ = std::fs::remove_dir_all(outbox);
});
