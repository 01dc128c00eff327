//! What the staff's list and dossier screens share: the list's query
//! (filters, sort, page) read from the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::views::review::ListQuery;

pub const SIGN_IN: &str = "/gestion/connexion";

pub fn list_query() -> Memo<ListQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
            ListQuery {
                campagne: text("campagne").and_then(|v| v.parse().ok()),
                formation: text("formation").and_then(|v| v.parse().ok()),
                statut: text("statut"),
                decision: text("decision"),
                reponse: text("reponse"),
                q: text("q"),
                du: text("du"),
                au: text("au"),
                tri: text("tri"),
                ordre: text("ordre"),
                page: text("page").and_then(|v| v.parse().ok()),
                apres: text("apres").and_then(|v| v.parse().ok()),
                avant: text("avant").and_then(|v| v.parse().ok()),
            }
        })
    })
}
