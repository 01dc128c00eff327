//! Configuration: defaults, then an optional TOML file (`SESAME_CONFIG`),
//! then environment variables. A wrong value stops the server with a
//! message naming the variable.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    /// Where pieces go: `SESAME_STORAGE_URL`, `file://<data>/files` by
    /// default, or `s3://bucket/prefix?endpoint=…&region=…`.
    pub storage: app::server::files::FileStore,
    /// `smtp://host:port`; absent, mails are written to `<data>/outbox/*.eml`.
    pub smtp_url: Option<String>,
    /// An authority (PEM) the relay's certificate may be signed by.
    pub smtp_ca: Option<Vec<u8>>,
    pub public_url: String,
    pub listen: SocketAddr,
    pub secret: Vec<u8>,
    pub assistance_email: String,
    /// The From of every mail.
    pub mail_from: String,
    /// Where cargo-leptos put the site (WASM, CSS, assets).
    pub site_root: PathBuf,
    /// The largest piece accepted, in bytes.
    pub max_upload_bytes: u64,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub metrics_allow: Vec<ipnet::IpNet>,
    /// Hours a session lasts at most, active or not.
    pub session_hours: i64,
    /// Posts a minute from one client to the forms open to anyone.
    pub burst_per_minute: u32,
    /// The university's CAS (`SESAME_CAS_URL`, its base: `…/cas`) and the
    /// university's name on its button (`SESAME_UNIVERSITE`); off when unset.
    pub cas_url: Option<String>,
    pub university_name: String,
    /// The university's directory, looked up at each CAS sign-in.
    pub directory: Option<app::server::sso::directory::Directory>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    storage_url: Option<String>,
    storage_credentials_file: Option<PathBuf>,
    smtp_url: Option<String>,
    smtp_ca_file: Option<PathBuf>,
    public_url: Option<String>,
    listen: Option<String>,
    session_secret: Option<String>,
    assistance_email: Option<String>,
    mail_from: Option<String>,
    site_root: Option<PathBuf>,
    max_upload_bytes: Option<u64>,
    trusted_proxies: Option<String>,
    metrics_allow: Option<String>,
    session_hours: Option<i64>,
    burst_per_minute: Option<u32>,
    cas_url: Option<String>,
    universite: Option<String>,
    ldap_url: Option<String>,
    ldap_base: Option<String>,
    ldap_bind_dn: Option<String>,
    ldap_password_file: Option<PathBuf>,
    ldap_starttls: Option<bool>,
}

/// Without the secrets: the session key, the SMTP password, the
/// directory's password never reach a log.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let smtp = self.smtp_url.as_deref().map(|u| match url::Url::parse(u) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => u.to_owned(),
        });
        let database = url::Url::parse(&self.database_url)
            .map(|mut url| {
                if url.password().is_some() {
                    let _ = url.set_password(Some("***"));
                }
                url.to_string()
            })
            .unwrap_or_else(|_| self.database_url.clone());
        f.debug_struct("Config")
            .field("database_url", &database)
            .field("data_dir", &self.data_dir)
            .field("storage", &self.storage)
            .field("smtp_url", &smtp)
            .field("public_url", &self.public_url)
            .field("listen", &self.listen)
            .field("cas_url", &self.cas_url)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("configuration : {variable} : {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

fn err(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError { variable, message: message.into() }
}

/// The file store at `url` (`sesame storage migrate --to URL` opens a
/// second one), its keys read as `SESAME_STORAGE_URL`'s are.
pub fn open_storage(
    env: &impl Fn(&str) -> Option<String>,
    url: &str,
    credentials_file: Option<&Path>,
) -> Result<app::server::files::FileStore, String> {
    let location = app::server::files::Location::parse(url, || storage_credentials(env, credentials_file))?;
    app::server::files::FileStore::open(&location)
}

/// The bucket's keys: from the file `SESAME_STORAGE_CREDENTIALS_FILE` names
/// when it names one (both keys from it, `NAME=value` lines as a systemd
/// `EnvironmentFile` or a shell reads them), from the environment's
/// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` otherwise; never one
/// from each.
fn storage_credentials(
    env: &impl Fn(&str) -> Option<String>,
    file: Option<&Path>,
) -> Result<app::server::files::Credentials, String> {
    let (id, secret) = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{} : {e}", path.display()))?;
            let value = |name: &str| {
                text.lines().find_map(|line| {
                    let line = line.trim();
                    let (key, value) = line.strip_prefix("export ").unwrap_or(line).split_once('=')?;
                    let value = value.trim();
                    let unquoted = [('"', '"'), ('\'', '\'')]
                        .iter()
                        .find_map(|(open, close)| value.strip_prefix(*open)?.strip_suffix(*close))
                        .unwrap_or(value);
                    (key.trim() == name && !unquoted.is_empty()).then(|| unquoted.to_owned())
                })
            };
            let (id, secret) = (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY"));
            if id.is_none() || secret.is_none() {
                return Err(format!(
                    "{} : AWS_ACCESS_KEY_ID=… et AWS_SECRET_ACCESS_KEY=… attendus, un par ligne",
                    path.display()
                ));
            }
            (id, secret)
        }
        None => {
            let value = |name: &str| env(name).filter(|v| !v.is_empty());
            (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY"))
        }
    };
    match (id, secret) {
        (Some(access_key_id), Some(secret_access_key)) => {
            Ok(app::server::files::Credentials { access_key_id, secret_access_key })
        }
        _ => Err("les clés du bucket manquent : AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, dans \
                  l'environnement ou dans SESAME_STORAGE_CREDENTIALS_FILE"
            .into()),
    }
}

impl Config {
    /// Reads the process environment.
    pub fn load() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let file = match env("SESAME_CONFIG") {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| err("SESAME_CONFIG", format!("{path} : {e}")))?;
                toml::from_str::<FileConfig>(&text).map_err(|e| err("SESAME_CONFIG", format!("{path} : {e}")))?
            }
            None => FileConfig::default(),
        };
        let data_dir =
            env("SESAME_DATA_DIR").map(PathBuf::from).or(file.data_dir).unwrap_or_else(|| PathBuf::from("data"));
        let database_url = env("SESAME_DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}/sesame.db", data_dir.display()));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(err("SESAME_DATABASE_URL", "attendu sqlite://… ou postgres://…"));
        }
        let storage_url = env("SESAME_STORAGE_URL")
            .or(file.storage_url)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("file://{}", data_dir.join("files").display()));
        let credentials_file =
            env("SESAME_STORAGE_CREDENTIALS_FILE").map(PathBuf::from).or(file.storage_credentials_file);
        let storage = open_storage(&env, &storage_url, credentials_file.as_deref())
            .map_err(|message| err("SESAME_STORAGE_URL", message))?;
        let smtp_url = env("SESAME_SMTP_URL").or(file.smtp_url).filter(|s| !s.is_empty());
        let smtp_ca = match env("SESAME_SMTP_CA_FILE").map(PathBuf::from).or(file.smtp_ca_file) {
            None => None,
            Some(path) => Some(
                std::fs::read(&path).map_err(|e| err("SESAME_SMTP_CA_FILE", format!("{} : {e}", path.display())))?,
            ),
        };
        if let Some(smtp) = &smtp_url {
            let parsed = url::Url::parse(smtp).map_err(|e| err("SESAME_SMTP_URL", e.to_string()))?;
            let mode = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
            // Opportunistic STARTTLS is left out: whoever sits between can
            // hide the offer, and the mail (and any password) goes in clear.
            let encrypted = match (parsed.scheme(), mode.as_deref()) {
                ("smtps", None) | ("smtp", Some("required")) => true,
                ("smtp", None) => false,
                _ => {
                    return Err(err(
                        "SESAME_SMTP_URL",
                        "attendu smtp://hôte:port, smtp://hôte:587?tls=required (STARTTLS) ou smtps://hôte:465",
                    ))
                }
            };
            if parsed.host_str().is_none() {
                return Err(err("SESAME_SMTP_URL", "hôte absent"));
            }
            if !encrypted && (!parsed.username().is_empty() || parsed.password().is_some()) {
                return Err(err(
                    "SESAME_SMTP_URL",
                    "un identifiant ne part que chiffré : smtps://… ou smtp://…?tls=required",
                ));
            }
            if !encrypted && smtp_ca.is_some() {
                return Err(err(
                    "SESAME_SMTP_CA_FILE",
                    "sans TLS (smtps://… ou ?tls=required), l'autorité ne sert à rien",
                ));
            }
            if let Some(pem) = &smtp_ca {
                if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
                    return Err(err("SESAME_SMTP_CA_FILE", "un certificat au format PEM est attendu"));
                }
            }
            crate::mailer::smtp_transport(smtp, smtp_ca.as_deref()).map_err(|m| {
                let variable = if m.contains("certificat") { "SESAME_SMTP_CA_FILE" } else { "SESAME_SMTP_URL" };
                err(variable, m)
            })?;
        }
        let listen_text = env("SESAME_LISTEN").or(file.listen).unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr =
            listen_text.parse().map_err(|_| err("SESAME_LISTEN", format!("adresse invalide : {listen_text}")))?;
        let public_url = env("SESAME_PUBLIC_URL").or(file.public_url).unwrap_or_else(|| format!("http://{listen}"));
        let parsed = url::Url::parse(&public_url).map_err(|e| err("SESAME_PUBLIC_URL", e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(err("SESAME_PUBLIC_URL", "attendu http://… ou https://…"));
        }
        let assistance_email = env("SESAME_ASSISTANCE_EMAIL")
            .or(file.assistance_email)
            .unwrap_or_else(|| "assistance@sesame.localhost".into());
        let mail_from = env("SESAME_MAIL_FROM")
            .or(file.mail_from)
            .unwrap_or_else(|| "Sésame <ne-pas-repondre@sesame.localhost>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(err("SESAME_MAIL_FROM", format!("adresse invalide : {mail_from}")));
        }
        let secret = match env("SESAME_SESSION_SECRET").or(file.session_secret) {
            Some(s) if s.len() >= 32 => s.into_bytes(),
            Some(_) => return Err(err("SESAME_SESSION_SECRET", "au moins 32 caractères")),
            None => stored_secret(&data_dir).map_err(|e| {
                err("SESAME_SESSION_SECRET", format!("lecture ou création dans {} : {e}", data_dir.display()))
            })?,
        };
        let max_upload_bytes = match env("SESAME_MAX_UPLOAD_BYTES").or(file.max_upload_bytes.map(|n| n.to_string())) {
            None => app::domain::upload::DEFAULT_MAX_BYTES,
            Some(text) => text.parse::<u64>().ok().filter(|n| *n >= 1024).ok_or_else(|| {
                err("SESAME_MAX_UPLOAD_BYTES", format!("nombre d'octets attendu (au moins 1024) : {text}"))
            })?,
        };
        let trusted_proxies = match env("SESAME_TRUSTED_PROXIES").or(file.trusted_proxies) {
            None => Vec::new(),
            Some(text) => app::server::client::parse_trusted(&text).map_err(|m| err("SESAME_TRUSTED_PROXIES", m))?,
        };
        let metrics_allow = match env("SESAME_METRICS_ALLOW").or(file.metrics_allow) {
            None => Vec::new(),
            Some(text) => app::server::client::parse_trusted(&text).map_err(|m| err("SESAME_METRICS_ALLOW", m))?,
        };
        let session_hours =
            match env("SESAME_SESSION_HOURS").or(file.session_hours.map(|n| n.to_string())) {
                None => app::server::auth::session::DEFAULT_LIFETIME / 3600,
                Some(text) => text.parse::<i64>().ok().filter(|n| (1..=168).contains(n)).ok_or_else(|| {
                    err("SESAME_SESSION_HOURS", format!("nombre d'heures attendu, de 1 à 168 : {text}"))
                })?,
            };
        let burst_per_minute = match env("SESAME_BURST_PER_MINUTE").or(file.burst_per_minute.map(|n| n.to_string())) {
            None => app::server::state::DEFAULT_BURST_PER_MINUTE,
            Some(text) => text.parse::<u32>().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(|| {
                err("SESAME_BURST_PER_MINUTE", format!("nombre de demandes par minute attendu, de 1 à 100000 : {text}"))
            })?,
        };
        let cas_url = env("SESAME_CAS_URL").or(file.cas_url).filter(|s| !s.is_empty());
        if let Some(cas) = &cas_url {
            let parsed = url::Url::parse(cas).map_err(|e| err("SESAME_CAS_URL", e.to_string()))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
                return Err(err("SESAME_CAS_URL", "attendu l'adresse de base du CAS, https://…/cas"));
            }
        }
        let university_name =
            env("SESAME_UNIVERSITE").or(file.universite).unwrap_or_else(|| "l'Université".into()).trim().to_owned();
        let directory = match env("SESAME_LDAP_URL").or(file.ldap_url).filter(|s| !s.is_empty()) {
            None => None,
            Some(url) => {
                if !(url.starts_with("ldap://") || url.starts_with("ldaps://")) {
                    return Err(err("SESAME_LDAP_URL", "attendu ldap://… ou ldaps://…"));
                }
                let base = env("SESAME_LDAP_BASE")
                    .or(file.ldap_base)
                    .ok_or_else(|| err("SESAME_LDAP_BASE", "la branche des personnes, ou=people,dc=…"))?;
                let bind_dn = env("SESAME_LDAP_BIND_DN")
                    .or(file.ldap_bind_dn)
                    .ok_or_else(|| err("SESAME_LDAP_BIND_DN", "le compte de service de Sésame dans l'annuaire"))?;
                let password_file = env("SESAME_LDAP_PASSWORD_FILE")
                    .map(PathBuf::from)
                    .or(file.ldap_password_file)
                    .ok_or_else(|| err("SESAME_LDAP_PASSWORD_FILE", "le fichier du mot de passe de ce compte"))?;
                let password = std::fs::read_to_string(&password_file)
                    .map_err(|e| err("SESAME_LDAP_PASSWORD_FILE", format!("{} : {e}", password_file.display())))?
                    .trim_end_matches(['\r', '\n'])
                    .to_owned();
                let starttls = match env("SESAME_LDAP_STARTTLS") {
                    Some(v) => matches!(v.as_str(), "1" | "true" | "oui"),
                    None => file.ldap_starttls.unwrap_or(false),
                };
                Some(app::server::sso::directory::Directory { url, base, bind_dn, password, starttls })
            }
        };
        if directory.is_some() && cas_url.is_none() {
            return Err(err("SESAME_LDAP_URL", "l'annuaire sert aux connexions par le CAS : SESAME_CAS_URL manque"));
        }
        let site_root = env("LEPTOS_SITE_ROOT")
            .map(PathBuf::from)
            .or(file.site_root)
            .unwrap_or_else(|| PathBuf::from("target/site"));
        Ok(Config {
            database_url,
            data_dir,
            storage,
            smtp_url,
            smtp_ca,
            public_url: public_url.trim_end_matches('/').to_owned(),
            listen,
            secret,
            assistance_email,
            mail_from,
            site_root,
            max_upload_bytes,
            trusted_proxies,
            metrics_allow,
            session_hours,
            burst_per_minute,
            cas_url,
            university_name,
            directory,
        })
    }

    pub fn app_settings(&self) -> app::server::state::Settings {
        app::server::state::Settings {
            public_url: self.public_url.clone(),
            secure_cookies: self.public_url.starts_with("https://"),
            secret: self.secret.clone(),
            assistance_email: self.assistance_email.clone(),
            files: self.storage.clone(),
            max_upload_bytes: self.max_upload_bytes,
            trusted_proxies: self.trusted_proxies.clone(),
            metrics_allow: self.metrics_allow.clone(),
            session_lifetime: self.session_hours * 3600,
            burst_per_minute: self.burst_per_minute,
            university: self
                .cas_url
                .as_ref()
                .map(|url| app::server::sso::University::new(self.university_name.clone(), url.clone()))
                .map(|u| match &self.directory {
                    Some(d) => u.with_directory(d.clone()),
                    None => u,
                }),
        }
    }
}

/// The secret kept in the data folder, made on first start.
fn stored_secret(data_dir: &Path) -> std::io::Result<Vec<u8>> {
    let path = data_dir.join("session-secret");
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 32 => Ok(s.trim().as_bytes().to_vec()),
        _ => {
            std::fs::create_dir_all(data_dir)?;
            let secret = app::server::auth::tokens::random_token();
            let tmp = data_dir.join(format!(".session-secret.{}.tmp", std::process::id()));
            std::fs::write(&tmp, &secret)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
            }
            std::fs::rename(&tmp, &path)?;
            Ok(secret.into_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        // One folder per calling test: tests run in parallel.
        let test = std::thread::current().name().unwrap_or("t").replace("::", "-");
        let dir = std::env::temp_dir().join(format!("sesame-config-{}-{test}", std::process::id()));
        let mut map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.entry("SESAME_DATA_DIR".into()).or_insert(dir.display().to_string());
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn the_file_store_is_a_folder_or_a_bucket_with_its_keys() {
        assert!(with(&[]).unwrap().storage.local_root().unwrap().ends_with("files"));
        let bucket = ("SESAME_STORAGE_URL", "s3://pieces/prod?endpoint=https://s3.univ.fr&region=fr-par");
        let no_keys = with(&[bucket]).unwrap_err();
        assert_eq!(no_keys.variable, "SESAME_STORAGE_URL");
        assert!(no_keys.message.contains("AWS_SECRET_ACCESS_KEY"), "{}", no_keys.message);
        let clear = with(&[
            ("SESAME_STORAGE_URL", "s3://pieces?endpoint=http://s3.univ.fr"),
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "b"),
        ]);
        assert!(clear.unwrap_err().message.contains("en clair"));

        let dir = std::env::temp_dir().join(format!("sesame-s3-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let keys = dir.join("s3-keys");
        std::fs::write(
            &keys,
            "export AWS_ACCESS_KEY_ID=GK31c2f218a2e44f485b94239e\nAWS_SECRET_ACCESS_KEY='Tr3s-s3cret'\n",
        )
        .unwrap();
        let c = with(&[bucket, ("SESAME_STORAGE_CREDENTIALS_FILE", keys.to_str().unwrap())]).unwrap();
        let app::server::files::Location::Bucket(b) = c.storage.location() else { panic!("a bucket") };
        assert_eq!((b.bucket.as_str(), b.prefix.as_str(), b.region.as_str()), ("pieces", "prod", "fr-par"));
        assert_eq!(
            (b.access_key_id.as_str(), b.secret_access_key.as_str()),
            ("GK31c2f218a2e44f485b94239e", "Tr3s-s3cret")
        );
        assert!(!format!("{c:?} {:?}", c.app_settings()).contains("Tr3s-s3cret"));
        // A file named gives both keys: a stray key in the environment is
        // never paired with the file's other one.
        let with_file_and_env = || {
            with(&[
                bucket,
                ("SESAME_STORAGE_CREDENTIALS_FILE", keys.to_str().unwrap()),
                ("AWS_SECRET_ACCESS_KEY", "env"),
            ])
        };
        let app::server::files::Location::Bucket(b) = with_file_and_env().unwrap().storage.location() else {
            panic!("a bucket")
        };
        assert_eq!(b.secret_access_key, "Tr3s-s3cret");
        std::fs::write(&keys, "AWS_ACCESS_KEY_ID=only-one\n").unwrap();
        assert!(with_file_and_env().unwrap_err().message.contains("AWS_SECRET_ACCESS_KEY=…"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn defaults_are_safe_and_local() {
        let c = with(&[]).unwrap();
        assert!(c.database_url.starts_with("sqlite://"));
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(c.smtp_url.is_none());
        assert!(c.secret.len() >= 32);
        assert_eq!(with(&[]).unwrap().secret, c.secret, "the generated secret is kept");
    }

    #[test]
    fn a_wrong_value_names_its_variable() {
        assert_eq!(with(&[("SESAME_LISTEN", "nowhere")]).unwrap_err().variable, "SESAME_LISTEN");
        assert_eq!(with(&[("SESAME_DATABASE_URL", "mysql://x")]).unwrap_err().variable, "SESAME_DATABASE_URL");
        assert_eq!(with(&[("SESAME_SMTP_URL", "http://x")]).unwrap_err().variable, "SESAME_SMTP_URL");
        assert_eq!(with(&[("SESAME_PUBLIC_URL", "ftp://x")]).unwrap_err().variable, "SESAME_PUBLIC_URL");
        assert_eq!(with(&[("SESAME_SESSION_SECRET", "short")]).unwrap_err().variable, "SESAME_SESSION_SECRET");
    }

    #[test]
    fn a_password_for_the_relay_goes_encrypted_only_and_never_into_a_log() {
        let refused = |url: &str| with(&[("SESAME_SMTP_URL", url)]).unwrap_err().variable;
        assert_eq!(refused("smtp://u:p@relay.univ.fr:25"), "SESAME_SMTP_URL");
        assert_eq!(refused("smtp://relay.univ.fr:587?tls=opportunistic"), "SESAME_SMTP_URL");
        for url in ["smtp://relay.univ.fr:25", "smtp://u:p@relay.univ.fr:587?tls=required", "smtps://u:p@relay.univ.fr"]
        {
            assert!(with(&[("SESAME_SMTP_URL", url)]).is_ok(), "{url}");
        }
        let dir = std::env::temp_dir().join(format!("sesame-config-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let not_pem = dir.join("ca.der");
        std::fs::write(&not_pem, [0x30, 0x82, 0x01]).unwrap();
        let ca = not_pem.display().to_string();
        let with_ca = |url: &str| with(&[("SESAME_SMTP_URL", url), ("SESAME_SMTP_CA_FILE", &ca)]).unwrap_err().variable;
        assert_eq!(with_ca("smtps://relay.univ.fr"), "SESAME_SMTP_CA_FILE");
        assert_eq!(with_ca("smtp://relay.univ.fr:25"), "SESAME_SMTP_CA_FILE");
        let c = with(&[
            ("SESAME_SMTP_URL", "smtps://sesame:s3cr3t@relay.univ.fr"),
            ("SESAME_DATABASE_URL", "postgres://sesame:db-pass@db.univ.fr/sesame"),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cr3t") && !shown.contains("db-pass"), "{shown}");
        assert!(shown.contains("relay.univ.fr"));
    }

    #[test]
    fn https_makes_cookies_secure() {
        let c = with(&[("SESAME_PUBLIC_URL", "https://sesame.example.fr/")]).unwrap();
        assert!(c.app_settings().secure_cookies);
        assert_eq!(c.public_url, "https://sesame.example.fr");
    }
}
