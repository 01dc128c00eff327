//! What the configuration screens share: the configured campaign
//! (`?campagne=<id>` configures a campaign in preparation instead of the
//! active one; links and forms carry it along), their addresses, dates.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub const SIGN_IN: &str = "/gestion/connexion";
pub const HOME: &str = "/gestion/configuration";

pub fn french(iso: &str) -> String {
    crate::domain::date::french_day(iso)
}

/// The campaign in preparation named by `?campagne=` (none: the active one).
pub fn configured_campaign() -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("campagne").and_then(|v| v.parse::<i64>().ok())))
}

/// A configuration page's address, kept on the configured campaign, with
/// further query parameters (`extra`: "piece=12", or "").
pub fn config_href(path: &str, campaign: Option<i64>, extra: &str) -> String {
    let params: Vec<String> = campaign
        .map(|c| format!("campagne={c}"))
        .into_iter()
        .chain((!extra.is_empty()).then(|| extra.to_owned()))
        .collect();
    if params.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// The hidden field that sends the configured campaign with a form.
pub fn campaign_field(campaign: Option<i64>) -> impl IntoView {
    campaign.map(|c| view! { <input type="hidden" name="campagne" value=c.to_string()/> })
}
