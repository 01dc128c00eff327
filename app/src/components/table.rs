//! Pieces of the data tables (which stack into cards on a phone).

use leptos::prelude::*;

/// A table's header row: one `<th scope="col">` per label.
#[component]
pub fn ColumnHeaders(labels: Vec<String>) -> impl IntoView {
    view! { <thead><tr>{labels.into_iter().map(|label| view! { <th scope="col">{label}</th> }).collect_view()}</tr></thead> }
}
