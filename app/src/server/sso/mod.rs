//! The university's own sign-in: its CAS server (`cas`), and what CAS says
//! about the person who signed in. Off unless `SESAME_CAS_URL` is set.

pub mod cas;

use serde::{Deserialize, Serialize};

/// The university whose people sign in with its CAS.
#[derive(Clone, Debug)]
pub struct University {
    /// Its name as the button says it: "Je suis étudiant·e à {name}".
    pub name: String,
    /// The CAS server's base address (`…/cas`), where `/login` and
    /// `/p3/serviceValidate` live.
    pub cas_url: String,
    pub client: reqwest::Client,
}

impl University {
    pub fn new(name: String, cas_url: String) -> Self {
        University { name, cas_url: cas_url.trim_end_matches('/').to_owned(), client: cas::client() }
    }
}

/// Who signs in, as the university knows them: the CAS identifier and what
/// CAS released (the directory completes it, see `server::university`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub uid: String,
    pub nom: Option<String>,
    pub prenom: Option<String>,
    pub email: Option<String>,
    /// The student number (`supannEtuId`).
    pub student_number: Option<String>,
}

impl Person {
    /// The SUPANN attribute names CAS servers of French universities release.
    pub fn from_cas(user: &cas::CasUser) -> Person {
        let first = |names: &[&str]| names.iter().find_map(|n| user.attribute(n)).map(str::to_owned);
        Person {
            uid: user.user.clone(),
            nom: first(&["sn", "surname"]),
            prenom: first(&["givenName", "givenname", "firstname"]),
            email: first(&["mail", "email"]),
            student_number: first(&["supannEtuId"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_person_is_read_from_the_supann_attributes() {
        let user = cas::parse_service_response(
            r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>
            <cas:user>etu.martin</cas:user><cas:attributes><cas:sn>Martin</cas:sn><cas:givenName>Léa</cas:givenName>
            <cas:mail>lea.martin@etu.univ-exemple.fr</cas:mail><cas:supannEtuId>21901234</cas:supannEtuId>
            </cas:attributes></cas:authenticationSuccess></cas:serviceResponse>"#,
        )
        .unwrap();
        let person = Person::from_cas(&user);
        assert_eq!(person.uid, "etu.martin");
        assert_eq!(person.nom.as_deref(), Some("Martin"));
        assert_eq!(person.prenom.as_deref(), Some("Léa"));
        assert_eq!(person.email.as_deref(), Some("lea.martin@etu.univ-exemple.fr"));
        assert_eq!(person.student_number.as_deref(), Some("21901234"));
    }
}
