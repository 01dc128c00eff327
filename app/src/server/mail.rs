//! Mails in French: templates with named variables (`{{login}}`), rendered
//! to text and HTML, and queued in the outbox within the caller's
//! transaction. The server's worker sends them.

use super::store::{outbox, Conn, StoreResult};

pub const PRODUCT: &str = "Sésame";

pub struct Template {
    pub subject: &'static str,
    pub body: &'static str,
}

/// Guide 02.1: the activation mail.
pub const ACTIVATION: Template = Template {
    subject: "{{product}} - Validation de votre compte",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous venez de créer un compte {{product}} pour la campagne {{campagne}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
};

/// "J'ai perdu mon code d'activation".
pub const ACTIVATION_AGAIN: Template = Template {
    subject: "{{product}} - Nouveau lien de validation de votre compte",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé un nouveau lien de validation de votre compte {{product}} pour la campagne {{campagne}}.\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
};

/// "J'ai oublié mon mot de passe".
pub const PASSWORD_RESET: Template = Template {
    subject: "{{product}} - Vos identifiants de connexion",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé à changer votre mot de passe {{product}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Pour choisir un nouveau mot de passe, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.",
};

/// Someone asked for an account with an address that already has one.
pub const ACCOUNT_EXISTS: Template = Template {
    subject: "{{product}} - Votre compte existe déjà",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de création de compte {{product}} a été faite avec votre adresse mail, qui a déjà un compte.\n\n\
Login : {{login}}\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}\n\n\
Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
};

/// "Mon compte" → "Modifier mon adresse mail": the link, to the new address.
pub const EMAIL_CHANGE: Template = Template {
    subject: "{{product}} - Confirmation de votre nouvelle adresse mail",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé que cette adresse devienne celle de votre compte {{product}} (login : {{login}}).\n\n\
Pour confirmer, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Tant qu'il n'est pas suivi, votre ancienne adresse reste celle du compte. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
};

/// The same request, told to the current address.
pub const EMAIL_CHANGE_NOTICE: Template = Template {
    subject: "{{product}} - Demande de changement de votre adresse mail",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de changement de l'adresse mail de votre compte {{product}} (login : {{login}}) vers {{nouvelle}} vient d'être faite.\n\n\
Elle ne prendra effet que lorsque le lien envoyé à cette nouvelle adresse aura été suivi. Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe depuis « Mon compte » et contactez l'assistance.",
};

/// The new address already belongs to an account: nothing changes, and the
/// form does not say so (no account enumeration).
pub const EMAIL_CHANGE_TAKEN: Template = Template {
    subject: "{{product}} - Changement d'adresse mail impossible",
    body: "Bonjour,\n\n\
Une demande a été faite pour que cette adresse devienne celle d'un compte {{product}}. Cette adresse est déjà celle d'un autre compte : aucune modification n'a été faite.\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}",
};

/// Guide 05.1: "vous recevez un mail de confirmation".
pub const APPLICATION_CREATED: Template = Template {
    subject: "{{product}} - Confirmation de votre candidature",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a bien été enregistrée.\n\n\
Procédure dématérialisée : veuillez déposer vos pièces justificatives avant le {{date_limite}}. Une fois fait vous devrez transmettre votre candidature.\n\n\
Pour suivre votre candidature : {{lien}}",
};

/// Guide 05.3: "une annulation est définitive et fait l'objet d'un mail".
pub const APPLICATION_CANCELLED: Template = Template {
    subject: "{{product}} - Annulation de votre candidature",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été annulée le {{date}}, à votre demande. Cette annulation est définitive.\n\n\
Si vous n'êtes pas à l'origine de cette annulation, contactez l'assistance.",
};

/// Guide 05.4: "un mail accusant de la bonne réception de votre dossier".
pub const APPLICATION_RECEIVED: Template = Template {
    subject: "{{product}} - Accusé de réception de votre dossier",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été transmise le {{date}}. Son statut est désormais « Réceptionné ».\n\n\
Vous serez averti·e par mail dès qu'un avis sera émis pour votre candidature : {{lien}}",
};

/// Guide passerelle, "Les étapes de mon dossier": Complet.
pub const DOSSIER_COMPLETE: Template = Template {
    subject: "Candidature - dossier complet",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées : votre dossier est considéré comme complet.\n\n\
Vous serez averti·e par mail dès qu'une décision sera rendue : {{lien}}",
};

/// Guide passerelle: "Si vous recevez un mail "Candidature - dossier incomplet"…".
pub const DOSSIER_INCOMPLETE: Template = Template {
    subject: "Candidature - dossier incomplet",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées, et votre dossier est considéré comme incomplet :\n\n\
{{pieces}}\n\n\
Connectez-vous afin de vérifier l'état de vos pièces justificatives, ajouter la pièce manquante ou modifier la pièce qui fait défaut, puis transmettez de nouveau votre candidature, avec le dossier complet : {{lien}}\n\n\
Un dossier non transmis est considéré comme une candidature incomplète ; il ne sera pas validé pour passage en jury.",
};

/// A published decision (liste principale, liste complémentaire, défavorable).
pub const DECISION_PUBLISHED: Template = Template {
    subject: "Candidature - décision",
    body: "Bonjour {{prenom}} {{nom}},\n\n\
Une décision a été rendue sur votre candidature à la formation « {{formation}} » ({{centre}}) :\n\n\
{{decision}}\n\n\
Retrouvez-la dans votre espace de candidature : {{lien}}",
};

const FOOTER: &str = "\n\n--\nCe courriel a été envoyé automatiquement, merci de ne pas y répondre.\n\
{{product}} — assistance : {{assistance}}";

pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Replaces each `{{name}}` by its value; unknown names stay visible.
pub fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in vars {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    out
}

impl Template {
    pub fn build(&self, vars: &[(&str, &str)], assistance: &str) -> Mail {
        let mut all: Vec<(&str, &str)> = vec![("product", PRODUCT), ("assistance", assistance)];
        all.extend_from_slice(vars);
        let text = render(&format!("{}{FOOTER}", self.body), &all);
        Mail { subject: render(self.subject, &all), html: to_html(&text), text }
    }
}

/// The HTML part: the same words, escaped, links made clickable.
fn to_html(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|para| {
            let lines: Vec<String> = para
                .lines()
                .map(|line| {
                    line.split(' ')
                        .map(|word| {
                            if word.starts_with("http://") || word.starts_with("https://") {
                                format!("<a href=\"{0}\">{0}</a>", escape(word))
                            } else {
                                escape(word)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">{}</body></html>",
        paragraphs.join("\n")
    )
}

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
