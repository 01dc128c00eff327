//! The outbox worker: sends queued mails through SMTP (lettre), or writes
//! them as `.eml` files when no SMTP server is configured; retries with
//! backoff while the server is down; marks each mail sent once.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use app::server::store::outbox::{self, OutgoingMail};
use app::server::store::StoreResult;
use app::server::AppState;

use crate::config::Config;

/// A mail being sent is leased this long; a crash mid-send retries after.
const LEASE: i64 = 120;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

/// The relay as `SESAME_SMTP_URL` names it (checked by `Config`):
/// `smtp://host:port` in clear (a relay on the same host, no password),
/// `smtp://host:587?tls=required` upgraded with STARTTLS, `smtps://host:465`
/// TLS from the first byte; `user:password@` (percent-encoded) signs in,
/// over TLS only. The relay's certificate is checked against the system's
/// authorities, and `ca` (PEM) when given: a university's own CA.
pub fn smtp_transport(url: &str, ca: Option<&[u8]>) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| e.to_string())?;
    if let Some(pem) = ca {
        let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
        let host = parsed.host_str().ok_or("hôte absent")?.to_owned();
        let certificate =
            Certificate::from_pem(pem).map_err(|e| format!("certificat de l'autorité illisible : {e}"))?;
        let params =
            TlsParameters::builder(host).add_root_certificate(certificate).build_rustls().map_err(|e| e.to_string())?;
        let mode = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        builder = builder.tls(match (parsed.scheme(), mode.as_deref()) {
            ("smtps", _) => Tls::Wrapper(params),
            (_, Some("required")) => Tls::Required(params),
            _ => Tls::None,
        });
    }
    Ok(builder.timeout(Some(Duration::from_secs(10))).build())
}

impl Mailer {
    pub fn new(transport: Transport, from: Mailbox) -> Mailer {
        Mailer { transport, from }
    }

    /// `smtp://host:port` without TLS (loopback relay).
    pub fn smtp(host: &str, port: u16, from: Mailbox) -> Mailer {
        let smtp = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(Duration::from_secs(10)))
            .build();
        Mailer::new(Transport::Smtp(smtp), from)
    }

    pub fn from_config(config: &Config) -> Mailer {
        let from: Mailbox = config.mail_from.parse().expect("checked by Config");
        match &config.smtp_url {
            Some(url) => {
                let smtp = smtp_transport(url, config.smtp_ca.as_deref()).expect("checked by Config");
                Mailer::new(Transport::Smtp(smtp), from)
            }
            None => Mailer::new(Transport::Files(config.data_dir.join("outbox")), from),
        }
    }

    fn message(&self, mail: &OutgoingMail) -> Result<Message, String> {
        let to: Mailbox = mail.to_addr.parse().map_err(|e| format!("destinataire : {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.body_text.clone()))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(mail.body_html.clone())),
            )
            .map_err(|e| e.to_string())
    }

    async fn deliver(&self, mail: &OutgoingMail) -> Result<(), String> {
        let message = self.message(mail)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files(dir) => {
                let dir = dir.clone();
                let name = format!("{:08}.eml", mail.id);
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || write_atomically(&dir, &name, &bytes))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// Sends every mail due now; returns how many left.
    pub async fn drain(&self, state: &AppState) -> StoreResult<usize> {
        let mut sent = 0;
        loop {
            let now = state.clock.now();
            let claimed = {
                let mut conn = state.db.pool.acquire().await?;
                outbox::claim_next(&mut conn, now, LEASE).await?
            };
            let Some(mail) = claimed else { return Ok(sent) };
            let outcome = self.deliver(&mail).await;
            crate::metrics::mail(outcome.is_ok());
            let mut conn = state.db.pool.acquire().await?;
            match outcome {
                Ok(()) => {
                    outbox::mark_sent(&mut conn, mail.id, state.clock.now()).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(mail = mail.id, attempts = mail.attempts + 1, %error, "mail not sent, will retry");
                    let retry = state.clock.now() + backoff(mail.attempts);
                    outbox::mark_failed(&mut conn, mail.id, retry, &error).await?;
                    return Ok(sent);
                }
            }
        }
    }

    /// Runs until shutdown: drains when rung or every few seconds.
    pub async fn run(self, state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            if let Err(error) = self.drain(&state).await {
                tracing::error!(%error, "outbox");
            }
            tokio::select! {
                _ = state.mail_bell.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}

/// 30 s, 1 min, 2 min… capped at an hour.
pub fn backoff(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 7)).min(3600)
}

/// Writes to a temporary name then renames: readers never see half a file.
pub fn write_atomically(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_then_caps() {
        assert_eq!(backoff(0), 30);
        assert_eq!(backoff(1), 60);
        assert_eq!(backoff(6), 1920);
        assert_eq!(backoff(7), 3600);
        assert_eq!(backoff(100), 3600);
    }
}
