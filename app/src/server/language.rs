//! Which language a request's candidate pages and mails speak: the
//! `langue` cookie the switch sets (`POST /langue`), else the browser's
//! `Accept-Language`. Staff pages are French whatever the request says.
//! Once signed in, a candidate's language is their account's: the
//! switch changes it there, and a sign-in brings it to the browser.

use http::{HeaderMap, HeaderValue};

use crate::domain::language::{is_staff_path, Language};
use crate::error::AppError;
use crate::server::auth::session::{self, cookie_value, http_only_cookie, AccountKind, CookieName};
use crate::server::store::accounts;
use crate::server::AppState;

/// The cookie that keeps the language of the pages (a year): for this
/// host only behind https (`__Host-`), so a sibling site of the
/// university's domain cannot plant one.
pub const COOKIE: CookieName = CookieName { plain: "langue", host: "__Host-langue" };
const ONE_YEAR: i64 = 365 * 24 * 3600;

/// The language the cookie holds, if any.
pub fn chosen(headers: &HeaderMap, secure: bool) -> Option<Language> {
    cookie_value(headers, COOKIE.get(secure)).and_then(|c| Language::from_code(&c))
}

/// The cookie's language, else what the browser asks for.
pub fn of_request(headers: &HeaderMap, secure: bool) -> Language {
    chosen(headers, secure).unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Language::from_accept_language)
            .unwrap_or_default()
    })
}

/// The language a page at this path is rendered in.
pub fn of_page(path: &str, headers: &HeaderMap, secure: bool) -> Language {
    if is_staff_path(path) {
        Language::Fr
    } else {
        of_request(headers, secure)
    }
}

/// The `Set-Cookie` value keeping this language.
pub fn cookie(language: Language, secure: bool) -> HeaderValue {
    http_only_cookie(COOKIE.get(secure), language.code(), Some(ONE_YEAR), secure)
}

/// The switch: the cookie to send, and the choice kept on the account
/// of the candidate signed in on this browser, if any (their mails and
/// documents follow it from now on). A staff session changes nothing
/// but the cookie.
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

/// At a candidate's sign-in, the account's language becomes the pages':
/// the cookie to send when the browser holds another one (or none). A
/// cookie left by someone else on a shared computer never changes the
/// account; the candidate changes it with the switch once signed in.
pub fn at_sign_in(state: &AppState, headers: &HeaderMap, kept: Language) -> Option<HeaderValue> {
    let secure = state.settings.secure_cookies;
    (chosen(headers, secure) != Some(kept)).then(|| cookie(kept, secure))
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
        assert_eq!(of_request(&h, false), Language::Fr);
        assert_eq!(of_request(&headers(&[("accept-language", "en-US")]), false), Language::En);
        assert_eq!(of_request(&headers(&[("cookie", "langue=xx"), ("accept-language", "en")]), false), Language::En);
        assert_eq!(of_request(&HeaderMap::new(), false), Language::Fr);
        // Behind https only the __Host- cookie counts: a sibling site's plain one is ignored.
        let planted = headers(&[("cookie", "langue=en"), ("accept-language", "fr")]);
        assert_eq!(of_request(&planted, true), Language::Fr);
        assert_eq!(of_request(&headers(&[("cookie", "__Host-langue=en")]), true), Language::En);
    }

    #[test]
    fn staff_pages_stay_french() {
        let h = headers(&[("cookie", "langue=en")]);
        assert_eq!(of_page("/gestion", &h, false), Language::Fr);
        assert_eq!(of_page("/gestion/candidatures/3", &h, false), Language::Fr);
        assert_eq!(of_page("/gestionnaire", &h, false), Language::En);
        assert_eq!(of_page("/", &h, false), Language::En);
    }

    #[test]
    fn the_cookie_lasts_a_year_for_the_whole_site() {
        let c = cookie(Language::En, true);
        assert_eq!(c.to_str().unwrap(), "__Host-langue=en; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure");
        assert!(cookie(Language::Fr, false).to_str().unwrap().starts_with("langue=fr; Path=/;"));
    }
}
