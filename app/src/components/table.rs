//! The data tables (which stack into cards on a phone): each column is
//! declared once, its label heading the column and naming each of its
//! cells (`data-label`, which the phone layout shows beside the value).

use std::sync::Arc;

use leptos::prelude::*;

type Cell<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
type Header = Arc<dyn Fn() -> AnyView + Send + Sync>;
type Row<T> = Arc<dyn Fn(&T, AnyView) -> AnyView + Send + Sync>;

/// One column: its label (once), how a row fills its cell, whether that
/// cell is the row's header (`<th scope="row">`), a class for the cell.
pub struct Column<T> {
    label: String,
    cell: Cell<T>,
    row_header: bool,
    class: Option<&'static str>,
    labelled: bool,
    header: Option<Header>,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Column {
            label: self.label.clone(),
            cell: self.cell.clone(),
            row_header: self.row_header,
            class: self.class,
            labelled: self.labelled,
            header: self.header.clone(),
        }
    }
}

impl<T> Column<T> {
    /// A column headed `label`, each cell `<td data-label=label>` filled by `cell`.
    pub fn new(label: impl Into<String>, cell: impl Fn(&T) -> AnyView + Send + Sync + 'static) -> Self {
        Column {
            label: label.into(),
            cell: Arc::new(cell),
            row_header: false,
            class: None,
            labelled: true,
            header: None,
        }
    }

    /// The cells are the rows' headers: `<th scope="row">`.
    pub fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }

    /// A class on each cell of the column.
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }

    /// No `data-label` on the cells (a selection box, a lone button).
    pub fn unlabelled(mut self) -> Self {
        self.labelled = false;
        self
    }

    /// The whole header cell (`<th scope="col">…</th>`) drawn by `header`
    /// rather than from the label: a sort link, a select-all box, a
    /// visually hidden label.
    pub fn header(mut self, header: impl Fn() -> AnyView + Send + Sync + 'static) -> Self {
        self.header = Some(Arc::new(header));
        self
    }

    /// The column's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    fn head(&self) -> AnyView {
        match &self.header {
            Some(header) => header(),
            None => view! { <th scope="col">{self.label.clone()}</th> }.into_any(),
        }
    }

    fn render(&self, row: &T) -> AnyView {
        let label = self.labelled.then(|| self.label.clone());
        let content = (self.cell)(row);
        // No `class` attribute at all when the column has none.
        match (self.row_header, self.class) {
            (true, None) => view! { <th scope="row" data-label=label>{content}</th> }.into_any(),
            (true, Some(class)) => view! { <th scope="row" data-label=label class=class>{content}</th> }.into_any(),
            (false, None) => view! { <td data-label=label>{content}</td> }.into_any(),
            (false, Some(class)) => view! { <td data-label=label class=class>{content}</td> }.into_any(),
        }
    }
}

/// The cells of one row, in the columns' order (for a row drawn by its
/// own component, see [`DataTable`]'s `row`).
pub fn cells<T>(columns: &[Column<T>], row: &T) -> AnyView {
    columns.iter().map(|c| c.render(row)).collect_view().into_any()
}

/// `<table class=…>`, an optional caption, the header row from the
/// columns, then one `<tr>` per row. `row` draws a row's `<tr>` around its
/// cells when the row needs attributes or handlers of its own.
#[component]
pub fn DataTable<T>(
    /// The table's classes ("stack-on-phone …").
    class: &'static str,
    columns: Vec<Column<T>>,
    rows: Vec<T>,
    /// A visually hidden caption.
    #[prop(optional, into)]
    caption: Option<String>,
    /// The id of the heading that names the table.
    #[prop(optional)]
    labelledby: Option<&'static str>,
    /// Draws `<tr …>{cells}</tr>` for a row (default: a plain `<tr>`).
    #[prop(optional, into)]
    row: Option<Row<T>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let head = columns.iter().map(Column::head).collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let content = cells(&columns, &r);
            match &row {
                Some(row) => row(&r, content),
                None => view! { <tr>{content}</tr> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <table class=class aria-labelledby=labelledby>
            {caption.map(|c| view! { <caption class="visually-hidden">{c}</caption> })}
            <thead><tr>{head}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// A row drawer for [`DataTable`]'s `row`.
pub fn row<T>(draw: impl Fn(&T, AnyView) -> AnyView + Send + Sync + 'static) -> Row<T> {
    Arc::new(draw)
}
