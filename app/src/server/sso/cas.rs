//! The CAS 3.0 protocol (Apereo CAS, as universities run it), client side:
//! the sign-in address a browser is sent to, and the server-side validation
//! of the ticket it comes back with (`/p3/serviceValidate`, attributes in
//! the answer). The CAS server enforces that a ticket is used once, for the
//! service it was issued to; Sésame sends the very service address it gave
//! at sign-in, so a ticket issued to another site fails `INVALID_SERVICE`.

use std::collections::BTreeMap;
use std::time::Duration;

/// How long the CAS server may take to answer a validation.
const VALIDATION_TIMEOUT: Duration = Duration::from_secs(10);
/// A validation answer is a few kilobytes; more is not a CAS answer.
const MAX_ANSWER: usize = 256 * 1024;

/// Who the CAS server says signed in, and what it released about them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CasUser {
    pub user: String,
    /// Attribute name (without the `cas:` prefix) → its values, in order.
    pub attributes: BTreeMap<String, Vec<String>>,
}

impl CasUser {
    /// The first value of an attribute, if released and not blank.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name)?.iter().map(|v| v.trim()).find(|v| !v.is_empty())
    }
}

/// Why a ticket was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CasFailure {
    /// `INVALID_TICKET` (unknown, expired or already used) or
    /// `INVALID_TICKET_SPEC`.
    #[error("ticket refused: {0}")]
    Ticket(String),
    /// `INVALID_SERVICE`: the ticket was issued to another service.
    #[error("ticket issued to another service: {0}")]
    Service(String),
    /// `INVALID_REQUEST`, `UNAUTHORIZED_SERVICE_PROXY`, `INVALID_PROXY_CALLBACK`
    /// or a code this client does not know.
    #[error("request refused ({code}): {message}")]
    Request { code: String, message: String },
    /// `INTERNAL_ERROR`, a network failure, a timeout, an HTTP error.
    #[error("CAS server unavailable: {0}")]
    Unavailable(String),
    /// An answer that is not a CAS 3.0 service response.
    #[error("not a CAS answer: {0}")]
    Malformed(String),
}

/// Where the browser signs in: `{base}/login?service=…`.
pub fn login_url(base: &str, service: &str) -> String {
    format!("{}/login?service={}", base.trim_end_matches('/'), encode(service))
}

/// Where the browser is sent to sign out of CAS too.
pub fn logout_url(base: &str, service: &str) -> String {
    format!("{}/logout?service={}", base.trim_end_matches('/'), encode(service))
}

fn validate_url(base: &str, service: &str, ticket: &str) -> String {
    format!("{}/p3/serviceValidate?service={}&ticket={}", base.trim_end_matches('/'), encode(service), encode(ticket))
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A ticket as CAS issues them (`ST-…`): printable, short. Anything else is
/// refused before any request leaves.
pub fn plausible_ticket(ticket: &str) -> bool {
    (3..=256).contains(&ticket.len())
        && ticket.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The CAS server's HTTP client (connections kept, a bounded wait).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(VALIDATION_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// Asks the CAS server whether `ticket` was issued to `service`.
pub async fn validate(
    client: &reqwest::Client,
    base: &str,
    service: &str,
    ticket: &str,
) -> Result<CasUser, CasFailure> {
    if !plausible_ticket(ticket) {
        return Err(CasFailure::Ticket("not a CAS ticket".into()));
    }
    let response = client
        .get(validate_url(base, service, ticket))
        .send()
        .await
        .map_err(|e| CasFailure::Unavailable(error_chain(&e)))?;
    if !response.status().is_success() {
        return Err(CasFailure::Unavailable(format!("HTTP {}", response.status())));
    }
    let body = response.bytes().await.map_err(|e| CasFailure::Unavailable(error_chain(&e)))?;
    if body.len() > MAX_ANSWER {
        return Err(CasFailure::Malformed(format!("{} bytes", body.len())));
    }
    let text = std::str::from_utf8(&body).map_err(|e| CasFailure::Malformed(e.to_string()))?;
    parse_service_response(text)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

const CAS_NS: &str = "http://www.yale.edu/tp/cas";

/// Reads a `/p3/serviceValidate` answer.
pub fn parse_service_response(xml: &str) -> Result<CasUser, CasFailure> {
    let document = roxmltree::Document::parse(xml).map_err(|e| CasFailure::Malformed(e.to_string()))?;
    let root = document.root_element();
    if !is_cas(root, "serviceResponse") {
        return Err(CasFailure::Malformed(format!("root element {:?}", root.tag_name().name())));
    }
    let Some(outcome) = root.children().find(|n| n.is_element()) else {
        return Err(CasFailure::Malformed("empty serviceResponse".into()));
    };
    if is_cas(outcome, "authenticationFailure") {
        let code = outcome.attribute("code").unwrap_or("").trim().to_owned();
        let message = outcome.text().unwrap_or("").trim().to_owned();
        return Err(match code.as_str() {
            "INVALID_TICKET" | "INVALID_TICKET_SPEC" => CasFailure::Ticket(message),
            "INVALID_SERVICE" => CasFailure::Service(message),
            "INTERNAL_ERROR" => CasFailure::Unavailable(message),
            _ => CasFailure::Request { code, message },
        });
    }
    if !is_cas(outcome, "authenticationSuccess") {
        return Err(CasFailure::Malformed(format!("element {:?}", outcome.tag_name().name())));
    }
    let user = outcome
        .children()
        .find(|n| is_cas(*n, "user"))
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| CasFailure::Malformed("no user".into()))?;
    let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(list) = outcome.children().find(|n| is_cas(*n, "attributes")) {
        for attribute in list.children().filter(|n| n.is_element()) {
            let value = attribute.text().unwrap_or("").trim().to_owned();
            attributes.entry(attribute.tag_name().name().to_owned()).or_default().push(value);
        }
    }
    Ok(CasUser { user: user.to_owned(), attributes })
}

fn is_cas(node: roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(CAS_NS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_user_and_every_value_of_each_attribute() {
        let xml = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
            <cas:authenticationSuccess>
                <cas:user> etu.martin </cas:user>
                <cas:attributes>
                    <cas:mail>lea.martin@etu.univ-exemple.fr</cas:mail>
                    <cas:givenName>Léa</cas:givenName>
                    <cas:eduPersonAffiliation>student</cas:eduPersonAffiliation>
                    <cas:eduPersonAffiliation>member</cas:eduPersonAffiliation>
                    <cas:sn></cas:sn>
                </cas:attributes>
            </cas:authenticationSuccess>
        </cas:serviceResponse>"#;
        let user = parse_service_response(xml).unwrap();
        assert_eq!(user.user, "etu.martin");
        assert_eq!(user.attribute("givenName"), Some("Léa"));
        assert_eq!(user.attributes["eduPersonAffiliation"], ["student", "member"]);
        assert_eq!(user.attribute("sn"), None, "a blank value is no value");
        assert_eq!(user.attribute("supannEtuId"), None);
    }

    #[test]
    fn each_failure_code_has_its_meaning() {
        let failure = |code: &str| {
            parse_service_response(&format!(
                r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="{code}">why</cas:authenticationFailure></cas:serviceResponse>"#
            ))
            .unwrap_err()
        };
        assert_eq!(failure("INVALID_TICKET"), CasFailure::Ticket("why".into()));
        assert_eq!(failure("INVALID_TICKET_SPEC"), CasFailure::Ticket("why".into()));
        assert_eq!(failure("INVALID_SERVICE"), CasFailure::Service("why".into()));
        assert_eq!(failure("INTERNAL_ERROR"), CasFailure::Unavailable("why".into()));
        assert!(matches!(failure("INVALID_REQUEST"), CasFailure::Request { .. }));
        assert!(matches!(failure("SOMETHING_NEW"), CasFailure::Request { .. }));
    }

    #[test]
    fn what_is_not_a_cas_answer_is_refused() {
        for xml in [
            "",
            "<html><body>Maintenance</body></html>",
            r#"<serviceResponse><authenticationSuccess><user>x</user></authenticationSuccess></serviceResponse>"#,
            r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess/></cas:serviceResponse>"#,
            r#"<cas:serviceResponse xmlns:cas="http://example.org/other"><cas:authenticationSuccess><cas:user>x</cas:user></cas:authenticationSuccess></cas:serviceResponse>"#,
            r#"<!DOCTYPE x [<!ENTITY a "aaaa">]><cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>&a;</cas:user></cas:authenticationSuccess></cas:serviceResponse>"#,
        ] {
            assert!(matches!(parse_service_response(xml), Err(CasFailure::Malformed(_))), "{xml}");
        }
    }

    #[test]
    fn addresses_carry_the_service_encoded() {
        assert_eq!(
            login_url("https://cas.univ.fr/cas/", "https://sesame.univ.fr/cas/retour"),
            "https://cas.univ.fr/cas/login?service=https%3A%2F%2Fsesame.univ.fr%2Fcas%2Fretour"
        );
        assert_eq!(
            validate_url("https://cas.univ.fr/cas", "http://x/y?a=1&b=2", "ST-1"),
            "https://cas.univ.fr/cas/p3/serviceValidate?service=http%3A%2F%2Fx%2Fy%3Fa%3D1%26b%3D2&ticket=ST-1"
        );
        assert!(plausible_ticket("ST-1-abcDEF_09.x"));
        assert!(!plausible_ticket("ST-1&service=evil"));
        assert!(!plausible_ticket(""));
    }
}
