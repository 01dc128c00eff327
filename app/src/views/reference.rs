//! The lists the type-ahead searches (communes, countries) and how many
//! suggestions one keystroke brings.

use serde::{Deserialize, Serialize};

/// How many suggestions one keystroke brings at most.
pub const SUGGESTIONS: usize = 12;

/// The lists a type-ahead can search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum List {
    /// French communes; the scope is a département code.
    Communes,
    /// Named in the page's language (the code is the ISO code either way).
    Countries,
    /// Lycées, universities… (a database directory); the scope is a
    /// commune code; a name outside the list may still be typed.
    Establishments,
}

impl List {
    pub fn code(self) -> &'static str {
        match self {
            List::Communes => "communes",
            List::Countries => "pays",
            List::Establishments => "etablissements",
        }
    }
}
