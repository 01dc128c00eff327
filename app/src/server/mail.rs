//! Mails in French: templates with named variables (`{{login}}`), rendered
//! to text and HTML, and queued in the outbox within the caller's
//! transaction. The server's worker sends them.

use super::store::{mail_templates, outbox, Conn, StoreResult};

pub const PRODUCT: &str = "Sésame";

pub struct Template {
    /// Its name in `mail_templates` (staff may edit the text).
    pub key: &'static str,
    /// What staff read in the list of templates.
    pub name: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
}

/// Guide 02.1: the activation mail.
pub const ACTIVATION: Template = Template {
    key: "activation",
    name: "Validation du compte",
    subject: "{{product}} - Validation de votre compte",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous venez de créer un compte {{product}} pour la campagne {{campagne}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
};

/// "J'ai perdu mon code d'activation".
pub const ACTIVATION_AGAIN: Template = Template {
    key: "activation_nouveau_lien",
    name: "Nouveau lien de validation",
    subject: "{{product}} - Nouveau lien de validation de votre compte",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé un nouveau lien de validation de votre compte {{product}} pour la campagne {{campagne}}.\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
};

/// "J'ai oublié mon mot de passe".
pub const PASSWORD_RESET: Template = Template {
    key: "mot_de_passe_oublie",
    name: "Mot de passe oublié",
    subject: "{{product}} - Vos identifiants de connexion",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé à changer votre mot de passe {{product}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Pour choisir un nouveau mot de passe, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.",
};

/// Someone asked for an account with an address that already has one.
pub const ACCOUNT_EXISTS: Template = Template {
    key: "compte_existant",
    name: "Compte déjà existant",
    subject: "{{product}} - Votre compte existe déjà",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de création de compte {{product}} a été faite avec votre adresse mail, qui a déjà un compte.\n\n\
Login : {{login}}\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}\n\n\
Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
};

/// "Mon compte" → "Modifier mon adresse mail": the link, to the new address.
pub const EMAIL_CHANGE: Template = Template {
    key: "changement_adresse",
    name: "Changement d'adresse mail : lien",
    subject: "{{product}} - Confirmation de votre nouvelle adresse mail",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé que cette adresse devienne celle de votre compte {{product}} (login : {{login}}).\n\n\
Pour confirmer, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Tant qu'il n'est pas suivi, votre ancienne adresse reste celle du compte. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
};

/// The same request, told to the current address.
pub const EMAIL_CHANGE_NOTICE: Template = Template {
    key: "changement_adresse_avis",
    name: "Changement d'adresse mail : avis à l'ancienne adresse",
    subject: "{{product}} - Demande de changement de votre adresse mail",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de changement de l'adresse mail de votre compte {{product}} (login : {{login}}) vers {{nouvelle}} vient d'être faite.\n\n\
Elle ne prendra effet que lorsque le lien envoyé à cette nouvelle adresse aura été suivi. Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe depuis « Mon compte » et contactez l'assistance.",
};

/// The new address already belongs to an account: nothing changes, and the
/// form does not say so (no account enumeration).
pub const EMAIL_CHANGE_TAKEN: Template = Template {
    key: "changement_adresse_impossible",
    name: "Changement d'adresse mail impossible",
    subject: "{{product}} - Changement d'adresse mail impossible",
    body: "Bonjour,\n\n\
Une demande a été faite pour que cette adresse devienne celle d'un compte {{product}}. Cette adresse est déjà celle d'un autre compte : aucune modification n'a été faite.\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}",
};

/// Guide 05.1: "vous recevez un mail de confirmation".
pub const APPLICATION_CREATED: Template = Template {
    key: "candidature_creee",
    name: "Confirmation de candidature",
    subject: "{{product}} - Confirmation de votre candidature",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a bien été enregistrée.\n\n\
Procédure dématérialisée : veuillez déposer vos pièces justificatives avant le {{date_limite}}. Une fois fait vous devrez transmettre votre candidature.\n\n\
Pour suivre votre candidature : {{lien}}",
};

/// Guide 05.3: "une annulation est définitive et fait l'objet d'un mail".
pub const APPLICATION_CANCELLED: Template = Template {
    key: "candidature_annulee",
    name: "Annulation de candidature",
    subject: "{{product}} - Annulation de votre candidature",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été annulée le {{date}}, à votre demande. Cette annulation est définitive.\n\n\
Si vous n'êtes pas à l'origine de cette annulation, contactez l'assistance.",
};

/// Guide 05.4: "un mail accusant de la bonne réception de votre dossier".
pub const APPLICATION_RECEIVED: Template = Template {
    key: "dossier_receptionne",
    name: "Accusé de réception du dossier",
    subject: "{{product}} - Accusé de réception de votre dossier",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été transmise le {{date}}. Son statut est désormais « Réceptionné ».\n\n\
Vous serez averti·e par mail dès qu'un avis sera émis pour votre candidature : {{lien}}",
};

/// Guide passerelle, "Les étapes de mon dossier": Complet.
pub const DOSSIER_COMPLETE: Template = Template {
    key: "dossier_complet",
    name: "Dossier complet",
    subject: "Candidature - dossier complet",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées : votre dossier est considéré comme complet.\n\n\
Vous serez averti·e par mail dès qu'une décision sera rendue : {{lien}}",
};

/// Guide passerelle: "Si vous recevez un mail "Candidature - dossier incomplet"…".
pub const DOSSIER_INCOMPLETE: Template = Template {
    key: "dossier_incomplet",
    name: "Dossier incomplet",
    subject: "Candidature - dossier incomplet",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées, et votre dossier est considéré comme incomplet :\n\n\
{{pieces}}\n\n\
Connectez-vous afin de vérifier l'état de vos pièces justificatives, ajouter la pièce manquante ou modifier la pièce qui fait défaut, puis transmettez de nouveau votre candidature, avec le dossier complet, au plus tard le {{date_limite}} : {{lien}}\n\n\
Un dossier non transmis est considéré comme une candidature incomplète ; il ne sera pas validé pour passage en jury.",
};

/// A published decision (liste principale, liste complémentaire, défavorable).
pub const DECISION_PUBLISHED: Template = Template {
    key: "decision_publiee",
    name: "Décision publiée",
    subject: "Candidature - décision",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une décision a été rendue sur votre candidature à la formation « {{formation}} » ({{centre}}) :\n\n\
{{decision}}\n\n\
{{a_faire}}Retrouvez-la dans votre espace de candidature : {{lien}}",
};

/// "Confirmation candidature".
pub const APPLICATION_CONFIRMED: Template = Template {
    key: "candidature_confirmee",
    name: "Confirmation après avis favorable",
    subject: "Candidature - confirmation",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez confirmé le {{date}} votre candidature à la formation « {{formation}} » ({{centre}}) pour l'année universitaire {{annee}}.\n\n\
Attention : cette autorisation n'est valable que pour l'année universitaire indiquée. Vous pouvez télécharger votre lettre d'admission depuis votre espace : {{lien}}",
};

/// "Désistement candidature", by the candidate or by the deadline.
pub const APPLICATION_WITHDRAWN: Template = Template {
    key: "candidature_desistement",
    name: "Désistement",
    subject: "Candidature - désistement",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
{{motif}}\n\n\
Formation : « {{formation}} » ({{centre}}), année universitaire {{annee}}. Aucune inscription administrative ne vous sera proposée. Si vous souhaitez reporter votre inscription à l'année universitaire suivante, il vous faudra à nouveau candidater et votre dossier sera à nouveau examiné par une Commission.\n\n\
Votre espace de candidature : {{lien}}",
};

/// A place freed up: the first of the waiting list is admitted.
pub const WAITING_LIST_CALLED: Template = Template {
    key: "liste_complementaire_appel",
    name: "Admission depuis la liste complémentaire",
    subject: "Candidature - avis favorable",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une place s'est libérée dans la formation « {{formation}} » ({{centre}}) : vous étiez le premier de la liste complémentaire et votre candidature reçoit un avis favorable.\n\n\
Vous devez confirmer ou vous désister avant le {{date_limite}} (23:59) depuis votre espace de candidature ; passé ce délai sans réponse, la place sera proposée au candidat suivant : {{lien}}",
};

/// Two days before the deadline of a favourable decision still awaited.
pub const ANSWER_REMINDER: Template = Template {
    key: "rappel_confirmation",
    name: "Rappel : confirmer avant la date limite",
    subject: "Candidature - confirmez votre candidature",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a reçu un avis favorable, que vous n'avez pas encore confirmé.\n\n\
ATTENTION : vous avez jusqu'au {{date_limite}} (23:59) pour confirmer votre candidature ou vous désister. Passé ce délai et sans réponse de votre part, vous perdrez votre place dans la formation : {{lien}}",
};

/// A few days before the date limite de retour, the dossier not transmitted.
pub const RETURN_REMINDER: Template = Template {
    key: "rappel_transmission",
    name: "Rappel : dossier à transmettre",
    subject: "Candidature - dossier à transmettre",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) n'est pas encore transmise. Déposez vos pièces justificatives puis transmettez votre candidature avant le {{date_limite}} (23:59) : {{lien}}\n\n\
Un dossier non transmis est considéré comme une candidature incomplète ; il ne sera pas validé pour passage en jury.",
};

/// An admin created a staff account: the link to choose its password.
pub const STAFF_INVITATION: Template = Template {
    key: "invitation_personnel",
    name: "Invitation d'un membre du personnel",
    subject: "{{product}} - Votre compte de gestion",
    body: "Bonjour {{nom}},\n\n\
Un compte {{product}} vient d'être créé pour vous ({{role}}) avec l'adresse {{email}}.\n\n\
Pour choisir votre mot de passe, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Vous vous connecterez ensuite ici : {{connexion}}",
};

/// An address was refused on the account after too many wrong passwords.
pub const UNLOCK: Template = Template {
    key: "connexion_suspendue",
    name: "Connexions suspendues depuis une adresse",
    subject: "{{product}} - Mots de passe erronés pour votre compte",
    body: "Bonjour {{nom}},\n\n\
Le {{date}}, {{essais}} mots de passe erronés ont été saisis pour votre compte {{product}} depuis l'adresse {{adresse}} : les connexions à votre compte depuis cette adresse sont suspendues pendant un quart d'heure. Depuis toute autre adresse, votre compte reste accessible.\n\n\
Si c'était vous, vous pouvez lever cette suspension tout de suite avec ce lien (valable une heure) : {{lien}}\n\n\
Si ce n'était pas vous, n'y touchez pas : votre mot de passe n'a pas été trouvé. Par prudence, vous pouvez le changer depuis « Mon compte ».",
};

/// A student signing in through the university gave the address of an
/// existing account: joined only once its owner opens this link.
pub const UNIVERSITY_JOIN: Template = Template {
    key: "rattachement_universite",
    name: "Rattachement du compte à la connexion de l'université",
    subject: "{{product}} - Rattacher votre compte à votre connexion {{universite}}",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous venez de vous connecter avec votre identifiant {{universite}} et avez indiqué cette adresse mail, qui est déjà celle de votre compte {{product}} (login : {{login}}).\n\n\
Pour rattacher ce compte à votre identifiant {{universite}}, cliquez sur ce lien (valable 48 heures) : {{lien}}\n\n\
Vous pourrez ensuite vous connecter avec l'un ou l'autre. Si vous n'êtes pas à l'origine de cette demande, ignorez ce mail : votre compte reste tel quel.",
};

/// Every template, in the order staff read them.
pub const ALL: [&Template; 22] = [
    &ACTIVATION,
    &ACTIVATION_AGAIN,
    &UNIVERSITY_JOIN,
    &PASSWORD_RESET,
    &ACCOUNT_EXISTS,
    &EMAIL_CHANGE,
    &EMAIL_CHANGE_NOTICE,
    &EMAIL_CHANGE_TAKEN,
    &APPLICATION_CREATED,
    &APPLICATION_CANCELLED,
    &APPLICATION_RECEIVED,
    &DOSSIER_COMPLETE,
    &DOSSIER_INCOMPLETE,
    &DECISION_PUBLISHED,
    &APPLICATION_CONFIRMED,
    &APPLICATION_WITHDRAWN,
    &WAITING_LIST_CALLED,
    &ANSWER_REMINDER,
    &RETURN_REMINDER,
    &STAFF_INVITATION,
    &ACCOUNT_DELETED,
    &UNLOCK,
];

pub const ACCOUNT_DELETED: Template = Template {
    key: "compte_suppression",
    name: "Suppression du compte",
    subject: "Suppression de votre compte",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre compte {{login}} a été supprimé à votre demande le {{date}}, avec toutes les données de votre dossier et les pièces justificatives que vous aviez déposées.\n\n\
Si vous n'êtes pas à l'origine de cette demande, écrivez à l'assistance.",
};

pub fn by_key(key: &str) -> Option<&'static Template> {
    ALL.iter().copied().find(|t| t.key == key)
}

const FOOTER: &str = "\n\n--\nCe courriel a été envoyé automatiquement, merci de ne pas y répondre.\n\
{{product}} — assistance : {{assistance}}";

pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Replaces each `{{name}}` by its value; unknown names stay visible.
/// The variables whose value is a link of Sésame: the only words of a
/// mail that become links in its HTML part. A URL typed anywhere else (a
/// comment, a formation's title, an edited text) stays plain text.
pub const LINK_VARIABLES: [&str; 2] = ["lien", "connexion"];

/// A template cut into its literal text and its variables' values.
enum Segment<'a> {
    Text(&'a str),
    Value { name: &'a str, value: &'a str },
}

/// One pass over the template: each `{{name}}` of a known variable becomes
/// its value, never read again (a name typed as "{{lien}}" stays those
/// characters); an unknown variable stays as it is.
fn segments<'a>(template: &'a str, vars: &[(&'a str, &'a str)]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let known = after
            .find("}}")
            .and_then(|end| vars.iter().find(|(n, _)| *n == &after[..end]).map(|(name, value)| (*name, *value, end)));
        match known {
            Some((name, value, end)) => {
                out.push(Segment::Text(&rest[..start]));
                out.push(Segment::Value { name, value });
                rest = &after[end + 2..];
            }
            None => {
                out.push(Segment::Text(&rest[..start + 2]));
                rest = after;
            }
        }
    }
    out.push(Segment::Text(rest));
    out
}

pub fn render(template: &str, vars: &[(&str, &str)]) -> String {
    segments(template, vars)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t,
            Segment::Value { value, .. } => value,
        })
        .collect()
}

/// The HTML part: everything escaped, paragraphs and line breaks kept, and
/// links only where a link variable stands.
fn render_html(template: &str, vars: &[(&str, &str)]) -> String {
    let body: String = segments(template, vars)
        .into_iter()
        .map(|s| match s {
            Segment::Value { name, value }
                if LINK_VARIABLES.contains(&name)
                    && (value.starts_with("https://") || value.starts_with("http://")) =>
            {
                format!("<a href=\"{0}\">{0}</a>", escape(value))
            }
            Segment::Value { value, .. } => escape(value),
            Segment::Text(t) => escape(t),
        })
        .collect();
    let paragraphs: Vec<String> =
        body.split("\n\n").map(|para| format!("<p>{}</p>", para.lines().collect::<Vec<_>>().join("<br>"))).collect();
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">{}</body></html>",
        paragraphs.join("\n")
    )
}

impl Template {
    pub fn build(&self, vars: &[(&str, &str)], assistance: &str) -> Mail {
        build_text(self.subject, self.body, vars, assistance)
    }

    /// The variables its text may use: those of the default text.
    pub fn variables(&self) -> Vec<String> {
        crate::domain::mail_template::variables_of(&format!("{} {}", self.subject, self.body))
    }
}

/// A subject and body with their variables replaced, the footer added.
pub fn build_text(subject: &str, body: &str, vars: &[(&str, &str)], assistance: &str) -> Mail {
    let mut all: Vec<(&str, &str)> = vec![("product", PRODUCT), ("assistance", assistance)];
    all.extend_from_slice(vars);
    let template = format!("{body}{FOOTER}");
    Mail { subject: render(subject, &all), html: render_html(&template, &all), text: render(&template, &all) }
}

/// The mail of this template, in the text staff gave it if they edited
/// it, read in the caller's transaction.
pub async fn compose(
    conn: &mut Conn,
    template: &Template,
    vars: &[(&str, &str)],
    assistance: &str,
) -> StoreResult<Mail> {
    Ok(match mail_templates::get(conn, template.key).await? {
        Some((subject, body)) => build_text(&subject, &body, vars, assistance),
        None => template.build(vars, assistance),
    })
}

/// Text made safe inside HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Queues the mail in the caller's transaction. One event key, one mail.
pub async fn queue(conn: &mut Conn, event_key: &str, to: &str, mail: &Mail, now: i64) -> StoreResult<()> {
    outbox::enqueue(conn, event_key, to, &mail.subject, &mail.text, &mail.html, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_link_variables_become_links() {
        let vars = [
            ("pieces", "– CV : voir https://piege.example/connexion"),
            ("lien", "https://sesame.univ.fr/candidatures/1"),
            ("nom", "https://x.example"),
        ];
        let mail = build_text(
            "Sujet",
            "Bonjour {{nom}},\n\n{{pieces}}\n\nVotre dossier : {{lien}} ou https://ecrit.example",
            &vars,
            "a@b.fr",
        );
        assert!(mail.html.contains("<a href=\"https://sesame.univ.fr/candidatures/1\">"));
        assert_eq!(mail.html.matches("<a ").count(), 1, "{}", mail.html);
        assert!(mail.text.contains("https://piege.example/connexion"), "the text part keeps every word");
    }

    #[test]
    fn values_are_never_read_as_variables() {
        let vars = [("prenom", "{{lien}}"), ("lien", "https://piege.example"), ("nom", "O'Brien {{")];
        assert_eq!(
            render("Bonjour {{prenom}} {{nom}} : {{lien}}", &vars),
            "Bonjour {{lien}} O'Brien {{ : https://piege.example"
        );
        assert_eq!(render("{{inconnue}} {{ {{prenom}}", &vars), "{{inconnue}} {{ {{lien}}");
        assert_eq!(render("sans variable", &vars), "sans variable");
    }

    #[test]
    fn renders_the_activation_mail_of_the_guide() {
        let mail = ACTIVATION.build(
            &[
                ("prenom", "Léa"),
                ("nom", "MARTIN"),
                ("campagne", "Campagne eCesure 2026/2027"),
                ("login", "AZEMZZJ3"),
                ("lien", "http://127.0.0.1:3000/compte/valider/abc"),
                ("date_limite", "13/04/2026"),
            ],
            "assistance@sesame.test",
        );
        assert_eq!(mail.subject, "Sésame - Validation de votre compte");
        assert!(mail.text.starts_with("Bonjour Léa MARTIN,"));
        assert!(mail.text.contains("Login : AZEMZZJ3"));
        assert!(mail.text.contains("avant le 13/04/2026"));
        assert!(mail.text.contains("assistance@sesame.test"));
        assert!(!mail.text.contains("{{"));
        assert!(mail.html.contains("<a href=\"http://127.0.0.1:3000/compte/valider/abc\">"));
    }

    #[test]
    fn html_escapes_what_people_typed() {
        let mail = ACTIVATION.build(&[("prenom", "<script>")], "a@b.fr");
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(!mail.html.contains("<script>"));
    }
}
