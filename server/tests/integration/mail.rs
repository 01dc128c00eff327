//! The outbox worker against a real SMTP server (MailDev, started by
//! scripts/test.sh): a mail waits while SMTP is down, then leaves once.

use crate::support;

use support::TestApp;

use sesame_server::mailer::{backoff, Mailer};

fn smtp_port() -> u16 {
    let url = std::env::var("SESAME_TEST_SMTP_URL")
        .expect("SESAME_TEST_SMTP_URL must name the SMTP capture (scripts/test.sh starts MailDev)");
    url.rsplit(':').next().unwrap().parse().unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn maildev_lists(subject_part: &str) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let api = std::env::var("MAILDEV_API").expect("MAILDEV_API");
    let host = api.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    stream.write_all(format!("GET /email HTTP/1.0\r\nHost: {host}\r\n\r\n").as_bytes()).await.unwrap();
    let mut body = Vec::new();
    stream.read_to_end(&mut body).await.unwrap();
    String::from_utf8_lossy(&body).contains(subject_part)
}

on_both_databases!(mail_waits_while_smtp_is_down_then_leaves_once, |app: TestApp| async move {
    let from = "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap();
    let email = format!("retry-{}@example.fr", app.state.clock.now());
    app.create_account(&email, "Abcdefgh1!").await;
    let down = Mailer::smtp("127.0.0.1", free_port(), from);
    assert_eq!(down.drain(&app.state).await.unwrap(), 0);
    let row: (i64, Option<i64>) = {
        use sqlx::Row;
        let r = sqlx::query("SELECT attempts, sent_at FROM outbox WHERE to_addr = $1")
            .bind(&email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        (r.get("attempts"), r.get("sent_at"))
    };
    assert_eq!(row, (1, None));
    let up = Mailer::smtp("127.0.0.1", smtp_port(), "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap());
    assert_eq!(up.drain(&app.state).await.unwrap(), 0, "not before the backoff");
    app.state.clock.advance(backoff(0) + 1);
    assert_eq!(up.drain(&app.state).await.unwrap(), 1);
    assert_eq!(up.drain(&app.state).await.unwrap(), 0, "never twice");
    assert!(maildev_lists(&email).await, "MailDev received the mail");
});
