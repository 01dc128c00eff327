//! Which language a request's candidate pages and mails speak: the
//! `langue` cookie the switch sets (`/langue/{code}`), else the browser's
//! `Accept-Language`. Staff pages are French whatever the request says.

use http::{HeaderMap, HeaderValue};

use crate::domain::language::{is_staff_path, Language};
use crate::error::AppError;
use crate::server::auth::session::{self, cookie_value, http_only_cookie, AccountKind};
use crate::server::store::{accounts, Conn};
use crate::server::AppState;

/// The cookie that keeps a visitor's choice (a year).
pub const COOKIE: &str = "langue";
const ONE_YEAR: i64 = 365 * 24 * 3600;

/// The language the visitor chose with the switch, if they did.
pub fn chosen(headers: &HeaderMap) -> Option<Language> {
    cookie_value(headers, COOKIE).and_then(|c| Language::from_code(&c))
}

/// The visitor's choice, else what their browser asks for.
pub fn of_request(headers: &HeaderMap) -> Language {
    chosen(headers).unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Language::from_accept_language)
            .unwrap_or_default()
    })
}

/// The language a page at this path is rendered in.
pub fn of_page(path: &str, headers: &HeaderMap) -> Language {
    if is_staff_path(path) {
        Language::Fr
    } else {
        of_request(headers)
    }
}

/// The `Set-Cookie` value keeping this choice.
pub fn cookie(language: Language, secure: bool) -> HeaderValue {
    http_only_cookie(COOKIE, language.code(), Some(ONE_YEAR), secure)
}

/// The switch: the cookie to send, and the choice kept on the account
/// of the candidate signed in on this browser, if any (their mails and
/// documents follow it from now on).
#[tracing::instrument(skip_all, fields(language = language.code()))]
pub async fn choose(state: &AppState, headers: &HeaderMap, language: Language) -> Result<HeaderValue, AppError> {
    if let Some(signed) = session::current(state, headers).await? {
        if signed.kind == AccountKind::Candidat {
            let mut conn = state.db.pool.acquire().await?;
            accounts::set_language(&mut conn, signed.account_id, language).await?;
        }
    }
    Ok(cookie(language, state.settings.secure_cookies))
}

/// At a candidate's sign-in: a language chosen on this browser before
/// signing in is kept on the account; with none chosen, the account's
/// is set in the cookie (returned) so the pages follow it.
pub async fn at_sign_in(
    conn: &mut Conn,
    state: &AppState,
    headers: &HeaderMap,
    candidate: i64,
    kept: Language,
) -> Result<Option<HeaderValue>, AppError> {
    match chosen(headers) {
        Some(language) if language != kept => {
            accounts::set_language(conn, candidate, language).await?;
            Ok(None)
        }
        Some(_) => Ok(None),
        None => Ok(Some(cookie(kept, state.settings.secure_cookies))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(http::HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let h = headers(&[("accept-language", "en-US,en;q=0.9"), ("cookie", "a=b; langue=fr")]);
        assert_eq!(of_request(&h), Language::Fr);
        assert_eq!(of_request(&headers(&[("accept-language", "en-US")])), Language::En);
        assert_eq!(of_request(&headers(&[("cookie", "langue=xx"), ("accept-language", "en")])), Language::En);
        assert_eq!(of_request(&HeaderMap::new()), Language::Fr);
    }

    #[test]
    fn staff_pages_stay_french() {
        let h = headers(&[("cookie", "langue=en")]);
        assert_eq!(of_page("/gestion", &h), Language::Fr);
        assert_eq!(of_page("/gestion/candidatures/3", &h), Language::Fr);
        assert_eq!(of_page("/gestionnaire", &h), Language::En);
        assert_eq!(of_page("/", &h), Language::En);
    }

    #[test]
    fn the_cookie_lasts_a_year_for_the_whole_site() {
        let c = cookie(Language::En, true);
        assert_eq!(c.to_str().unwrap(), "langue=en; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure");
    }
}
