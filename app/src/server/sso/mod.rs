//! The university's own sign-in: its CAS server (`cas`), its directory
//! (`directory`, LDAP), and what they say about the person who signed in.
//! Off unless `SESAME_CAS_URL` is set; the directory is optional.

pub mod cas;
pub mod directory;

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
    /// Its directory, when configured (`SESAME_LDAP_URL`).
    pub directory: Option<directory::Directory>,
}

impl University {
    pub fn new(name: String, cas_url: String) -> Self {
        University { name, cas_url: cas_url.trim_end_matches('/').to_owned(), client: cas::client(), directory: None }
    }

    pub fn with_directory(mut self, directory: directory::Directory) -> Self {
        self.directory = Some(directory);
        self
    }
}

/// Whether the directory completed what CAS said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromDirectory {
    /// No directory configured.
    #[default]
    NotAsked,
    Found,
    /// The directory answered that it does not know the person.
    Absent,
    /// Down or slow: CAS's word only, until the next sign-in.
    Unavailable,
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
    /// From the directory only: the birth name, the INE, the birth date
    /// (`AAAA-MM-JJ`), the postal address's lines.
    #[serde(default)]
    pub birth_name: Option<String>,
    #[serde(default)]
    pub ine: Option<String>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub postal_address: Vec<String>,
    #[serde(default)]
    pub directory: FromDirectory,
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
            ..Person::default()
        }
    }

    /// What the directory said, over what CAS said where both speak.
    pub fn complete(&mut self, lookup: directory::Lookup) {
        match lookup {
            directory::Lookup::Found(entry) => {
                let over = |mine: &mut Option<String>, theirs: Option<String>| {
                    if theirs.is_some() {
                        *mine = theirs;
                    }
                };
                over(&mut self.nom, entry.nom);
                over(&mut self.prenom, entry.prenom);
                over(&mut self.email, entry.email);
                over(&mut self.student_number, entry.student_number);
                self.birth_name = entry.birth_name;
                self.ine = entry.ine;
                self.birth_date = entry.birth_date;
                self.postal_address = entry.postal_address;
                self.directory = FromDirectory::Found;
            }
            directory::Lookup::Absent => self.directory = FromDirectory::Absent,
            directory::Lookup::Unavailable(_) => self.directory = FromDirectory::Unavailable,
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
