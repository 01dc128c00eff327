//! The university's directory (LDAP, SUPANN schema): who a CAS identifier
//! is, looked up at each CAS sign-in with a service account (`ldap3`). A
//! directory that is down or slow never holds a sign-in up: the lookup
//! gives up after `LOOKUP_TIMEOUT` and the sign-in goes on with what CAS
//! said (`Lookup::Unavailable`); the next sign-in asks again.

use std::time::Duration;

use ldap3::{ldap_escape, LdapConnAsync, LdapConnSettings, Scope, SearchEntry};

/// Connection, bind and search together, at most.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_secs(3);

/// Where the people are and how Sésame reads them.
#[derive(Clone)]
pub struct Directory {
    /// `ldap://…` or `ldaps://…`.
    pub url: String,
    /// Where people are searched (`ou=people,dc=…`), by `uid`.
    pub base: String,
    pub bind_dn: String,
    pub password: String,
    /// `ldap://` upgraded with StartTLS.
    pub starttls: bool,
}

impl std::fmt::Debug for Directory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Directory").field("url", &self.url).field("base", &self.base).finish_non_exhaustive()
    }
}

/// A person as the directory holds them (the SUPANN and SCHAC attributes
/// Sésame reads; absent ones are `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub nom: Option<String>,
    /// `supannNomdeNaissance` (`sn` is the name in use).
    #[serde(default)]
    pub birth_name: Option<String>,
    pub prenom: Option<String>,
    pub email: Option<String>,
    /// `supannEtuId`.
    pub student_number: Option<String>,
    /// `supannCodeINE`.
    pub ine: Option<String>,
    /// `schacDateOfBirth`, `AAAAMMJJ`, as `AAAA-MM-JJ`.
    pub birth_date: Option<String>,
    /// `postalAddress` (or `homePostalAddress`), one line per `$`.
    pub postal_address: Vec<String>,
}

/// What the lookup gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Entry),
    /// The directory answered: no such person.
    Absent,
    /// Down, slow, refused the bind: the cause, for the log.
    Unavailable(String),
}

const ATTRIBUTES: [&str; 10] = [
    "sn",
    "supannNomdeNaissance",
    "givenName",
    "mail",
    "supannEtuId",
    "supannCodeINE",
    "schacDateOfBirth",
    "postalAddress",
    "homePostalAddress",
    "uid",
];

impl Directory {
    pub async fn look_up(&self, uid: &str) -> Lookup {
        match tokio::time::timeout(LOOKUP_TIMEOUT, self.search(uid)).await {
            Ok(Ok(Some(entry))) => Lookup::Found(entry),
            Ok(Ok(None)) => Lookup::Absent,
            Ok(Err(error)) => Lookup::Unavailable(error.to_string()),
            Err(_) => Lookup::Unavailable(format!("no answer within {LOOKUP_TIMEOUT:?}")),
        }
    }

    async fn search(&self, uid: &str) -> ldap3::result::Result<Option<Entry>> {
        let settings = LdapConnSettings::new().set_conn_timeout(LOOKUP_TIMEOUT).set_starttls(self.starttls);
        let (connection, mut ldap) = LdapConnAsync::with_settings(settings, &self.url).await?;
        ldap3::drive!(connection);
        ldap.simple_bind(&self.bind_dn, &self.password).await?.success()?;
        let filter = format!("(uid={})", ldap_escape(uid));
        let (entries, _) = ldap.search(&self.base, Scope::Subtree, &filter, ATTRIBUTES.to_vec()).await?.success()?;
        let entry = entries.into_iter().next().map(|e| read_entry(&SearchEntry::construct(e)));
        let _ = ldap.unbind().await;
        Ok(entry)
    }
}

fn read_entry(entry: &SearchEntry) -> Entry {
    let first = |name: &str| {
        entry
            .attrs
            .get(name)
            .and_then(|values| values.iter().map(|v| v.trim()).find(|v| !v.is_empty()))
            .map(str::to_owned)
    };
    Entry {
        nom: first("sn"),
        birth_name: first("supannNomdeNaissance"),
        prenom: first("givenName"),
        email: first("mail"),
        student_number: first("supannEtuId"),
        ine: first("supannCodeINE"),
        birth_date: first("schacDateOfBirth").and_then(|d| schac_date(&d)),
        postal_address: first("postalAddress")
            .or_else(|| first("homePostalAddress"))
            .map(address_lines)
            .unwrap_or_default(),
    }
}

/// `AAAAMMJJ` (SCHAC) as `AAAA-MM-JJ`; anything else is no date.
fn schac_date(text: &str) -> Option<String> {
    let digits = text.trim();
    (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]))
}

/// An LDAP postal address: lines separated by `$` (RFC 4517), `\24` and
/// `\5C` escaping a dollar and a backslash.
fn address_lines(text: String) -> Vec<String> {
    text.split('$')
        .map(|line| line.replace("\\24", "$").replace("\\5C", "\\").replace("\\5c", "\\").trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schac_dates_and_postal_addresses_are_read() {
        assert_eq!(schac_date("20030415").as_deref(), Some("2003-04-15"));
        assert_eq!(schac_date("2003-04-15"), None);
        assert_eq!(
            address_lines("12 rue des Lilas$31400 Toulouse$ France ".into()),
            ["12 rue des Lilas", "31400 Toulouse", "France"]
        );
        assert_eq!(address_lines("Prix : 5 \\24$Lyon".into()), ["Prix : 5 $", "Lyon"]);
    }
}
