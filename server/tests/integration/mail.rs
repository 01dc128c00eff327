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

/// The mails the TLS MailDev holds (its API over HTTP on the loopback).
async fn tls_maildev_lists(subject_part: &str) -> bool {
    let api = std::env::var("MAILDEV_TLS_API").expect("MAILDEV_TLS_API (scripts/maildev.sh)");
    let body = reqwest::get(format!("{api}/email")).await.unwrap().text().await.unwrap();
    body.contains(subject_part)
}

fn smtps_url() -> String {
    std::env::var("SESAME_TEST_SMTPS_URL").expect("SESAME_TEST_SMTPS_URL (scripts/maildev.sh: MailDev over TLS)")
}

// The relay of a university: TLS from the first byte, a certificate its
// own authority signed, a user and password. Sent only when the
// certificate is checked against that authority and the password is right;
// otherwise the mail waits in the outbox with the reason.
on_both_databases!(mail_goes_over_tls_to_a_relay_that_asks_a_password, |app: TestApp| async move {
    use sesame_server::mailer::{smtp_transport, Transport};
    let from: lettre::message::Mailbox = "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap();
    let ca = std::fs::read(std::env::var("SESAME_TEST_SMTP_CA_FILE").unwrap()).unwrap();
    let email = format!("tls-{}@example.fr", app::server::auth::tokens::random_token().to_lowercase());
    app.create_account(&email, "Abcdefgh1!").await;
    let pending = || async {
        let row: (i64, Option<i64>, Option<String>) =
            sqlx::query_as("SELECT attempts, sent_at, last_error FROM outbox WHERE to_addr = $1")
                .bind(&email)
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        row
    };
    // The system's authorities alone do not know the relay's: refused at
    // the handshake. (Against a bare TLS server with the same certificate:
    // MailDev stops on a handshake its client aborted.)
    let ca_file = std::path::PathBuf::from(std::env::var("SESAME_TEST_SMTP_CA_FILE").unwrap());
    let tls_dir = ca_file.parent().unwrap();
    let port = free_port();
    let mut bare = tokio::process::Command::new("openssl")
        .args(["s_server", "-quiet", "-accept", &format!("127.0.0.1:{port}")])
        .arg("-cert")
        .arg(tls_dir.join("server.pem"))
        .arg("-key")
        .arg(tls_dir.join("server.key"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("openssl (scripts/maildev.sh installs it)");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let impostor = format!("smtps://sesame:x@localhost:{port}");
    let unknown_ca = Mailer::new(Transport::Smtp(smtp_transport(&impostor, None).unwrap()), from.clone());
    assert_eq!(unknown_ca.drain(&app.state).await.unwrap(), 0);
    let _ = bare.kill().await;
    let (attempts, sent, error) = pending().await;
    assert_eq!((attempts, sent), (1, None));
    let error = error.unwrap_or_default().to_lowercase();
    assert!(error.contains("certificate") || error.contains("issuer"), "the reason is kept: {error}");
    // The right authority, a wrong password: refused too.
    app.state.clock.advance(backoff(0) + 1);
    let wrong = smtps_url().replacen("sesame:", "sesame:x", 1);
    let bad_password = Mailer::new(Transport::Smtp(smtp_transport(&wrong, Some(&ca)).unwrap()), from.clone());
    assert_eq!(bad_password.drain(&app.state).await.unwrap(), 0);
    let (_, sent, error) = pending().await;
    assert_eq!(sent, None);
    let error = error.unwrap_or_default().to_lowercase();
    assert!(error.contains("535") || error.contains("auth"), "the relay's refusal is kept: {error}");
    assert!(!tls_maildev_lists(&email).await);
    // Both right: sent, once.
    app.state.clock.advance(backoff(1) + 1);
    let relay = Mailer::new(Transport::Smtp(smtp_transport(&smtps_url(), Some(&ca)).unwrap()), from);
    assert_eq!(relay.drain(&app.state).await.unwrap(), 1);
    assert!(pending().await.1.is_some());
    assert!(tls_maildev_lists(&email).await, "the TLS MailDev received the mail");
    assert!(!maildev_lists(&email).await, "not the plain one");
});
