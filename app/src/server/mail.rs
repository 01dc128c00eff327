//! Mails: templates with named variables (`{{login}}`), each written in
//! French and, unless only staff receive it, in English (a candidate reads
//! their mails in their language); rendered to text and HTML, and queued in
//! the outbox within the caller's transaction. The server's worker sends
//! them.

use super::store::{mail_templates, outbox, Conn, StoreResult};
use crate::domain::language::Language;

pub const PRODUCT: &str = "Sésame";

/// A mail's text in one language: its subject and body, with `{{name}}`
/// variables.
pub struct Text {
    pub subject: &'static str,
    pub body: &'static str,
}

pub struct Template {
    /// Its name in `mail_templates` (staff may edit the text).
    pub key: &'static str,
    /// What staff read in the list of templates (French: staff read them).
    pub name: &'static str,
    pub fr: Text,
    /// The English text, for candidates whose language is English; `None`
    /// for a mail only staff receive (staff mails are French).
    pub en: Option<Text>,
}

/// Guide 02.1: the activation mail.
pub const ACTIVATION: Template = Template {
    key: "activation",
    name: "Validation du compte",
    fr: Text {
        subject: "{{product}} - Validation de votre compte",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous venez de créer un compte {{product}} pour la campagne {{campagne}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
    },
    en: Some(Text {
        subject: "{{product}} - Activate your account",
        body: "Dear {{prenom}} {{nom}},\n\n\
You have just created a {{product}} account for this admissions campaign: {{campagne}}. Here are your login details:\n\n\
Login: {{login}}\n\n\
Please click this link to activate your account: {{lien}}\n\n\
Please note: you must activate your account before {{date_limite}}. After that date, your account will be deleted.",
    }),
};

/// "J'ai perdu mon code d'activation".
pub const ACTIVATION_AGAIN: Template = Template {
    key: "activation_nouveau_lien",
    name: "Nouveau lien de validation",
    fr: Text {
        subject: "{{product}} - Nouveau lien de validation de votre compte",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé un nouveau lien de validation de votre compte {{product}} pour la campagne {{campagne}}.\n\n\
Login : {{login}}\n\n\
Veuillez cliquer sur ce lien pour valider votre compte {{lien}}\n\n\
Attention, vous devez valider votre compte avant le {{date_limite}}, après cela votre compte sera détruit.",
    },
    en: Some(Text {
        subject: "{{product}} - New link to activate your account",
        body: "Dear {{prenom}} {{nom}},\n\n\
You asked for a new link to activate your {{product}} account for this admissions campaign: {{campagne}}.\n\n\
Login: {{login}}\n\n\
Please click this link to activate your account: {{lien}}\n\n\
Please note: you must activate your account before {{date_limite}}. After that date, your account will be deleted.",
    }),
};

/// "J'ai oublié mon mot de passe".
pub const PASSWORD_RESET: Template = Template {
    key: "mot_de_passe_oublie",
    name: "Mot de passe oublié",
    fr: Text {
        subject: "{{product}} - Vos identifiants de connexion",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé à changer votre mot de passe {{product}}. Voici vos identifiants de connexion :\n\n\
Login : {{login}}\n\n\
Pour choisir un nouveau mot de passe, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.",
    },
    en: Some(Text {
        subject: "{{product}} - Your login details",
        body: "Dear {{prenom}} {{nom}},\n\n\
You asked to change your {{product}} password. Here are your login details:\n\n\
Login: {{login}}\n\n\
To choose a new password, click this link: {{lien}}\n\n\
This link can be used only once and expires on {{expiration}} (Paris time). If you did not make this request, please ignore this email: your current password remains valid.",
    }),
};

/// Someone asked for an account with an address that already has one.
pub const ACCOUNT_EXISTS: Template = Template {
    key: "compte_existant",
    name: "Compte déjà existant",
    fr: Text {
        subject: "{{product}} - Votre compte existe déjà",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de création de compte {{product}} a été faite avec votre adresse mail, qui a déjà un compte.\n\n\
Login : {{login}}\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}\n\n\
Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
    },
    en: Some(Text {
        subject: "{{product}} - You already have an account",
        body: "Dear {{prenom}} {{nom}},\n\n\
Someone asked to create a {{product}} account with your email address, which already has an account.\n\n\
Login: {{login}}\n\n\
If you have forgotten your password, you can choose a new one here: {{lien}}\n\n\
If you did not make this request, please ignore this email.",
    }),
};

/// "Mon compte" → "Modifier mon adresse mail": the link, to the new address.
pub const EMAIL_CHANGE: Template = Template {
    key: "changement_adresse",
    name: "Changement d'adresse mail : lien",
    fr: Text {
        subject: "{{product}} - Confirmation de votre nouvelle adresse mail",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez demandé que cette adresse devienne celle de votre compte {{product}} (login : {{login}}).\n\n\
Pour confirmer, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Tant qu'il n'est pas suivi, votre ancienne adresse reste celle du compte. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
    },
    en: Some(Text {
        subject: "{{product}} - Confirm your new email address",
        body: "Dear {{prenom}} {{nom}},\n\n\
You asked for this address to become the email address of your {{product}} account (login: {{login}}).\n\n\
To confirm, click this link: {{lien}}\n\n\
This link can be used only once and expires on {{expiration}} (Paris time). Until it is followed, your previous address remains the one on your account. If you did not make this request, please ignore this email.",
    }),
};

/// The same request, told to the current address.
pub const EMAIL_CHANGE_NOTICE: Template = Template {
    key: "changement_adresse_avis",
    name: "Changement d'adresse mail : avis à l'ancienne adresse",
    fr: Text {
        subject: "{{product}} - Demande de changement de votre adresse mail",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Une demande de changement de l'adresse mail de votre compte {{product}} (login : {{login}}) vers {{nouvelle}} vient d'être faite.\n\n\
Elle ne prendra effet que lorsque le lien envoyé à cette nouvelle adresse aura été suivi. Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe depuis « Mon compte » et contactez l'assistance.",
    },
    en: Some(Text {
        subject: "{{product}} - Request to change your email address",
        body: "Dear {{prenom}} {{nom}},\n\n\
A request has just been made to change the email address of your {{product}} account (login: {{login}}) to {{nouvelle}}.\n\n\
The change will only take effect once the link sent to that new address has been followed. If you did not make this request, change your password in “My account” and contact support.",
    }),
};

/// The new address already belongs to an account: nothing changes, and the
/// form does not say so (no account enumeration).
pub const EMAIL_CHANGE_TAKEN: Template = Template {
    key: "changement_adresse_impossible",
    name: "Changement d'adresse mail impossible",
    fr: Text {
        subject: "{{product}} - Changement d'adresse mail impossible",
        body: "Bonjour,\n\n\
Une demande a été faite pour que cette adresse devienne celle d'un compte {{product}}. Cette adresse est déjà celle d'un autre compte : aucune modification n'a été faite.\n\n\
Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici {{lien}}",
    },
    en: Some(Text {
        subject: "{{product}} - Your email address could not be changed",
        body: "Hello,\n\n\
A request was made for this address to become the email address of a {{product}} account. This address already belongs to another account, so nothing has been changed.\n\n\
If you have forgotten your password, you can choose a new one here: {{lien}}",
    }),
};

/// Guide 05.1: "vous recevez un mail de confirmation".
pub const APPLICATION_CREATED: Template = Template {
    key: "candidature_creee",
    name: "Confirmation de candidature",
    fr: Text {
        subject: "{{product}} - Confirmation de votre candidature",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a bien été enregistrée.\n\n\
Procédure dématérialisée : veuillez déposer vos pièces justificatives avant le {{date_limite}}. Une fois fait vous devrez transmettre votre candidature.\n\n\
Pour suivre votre candidature : {{lien}}",
    },
    en: Some(Text {
        subject: "{{product}} - Your application has been registered",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) has been registered.\n\n\
The whole procedure takes place online: please upload your supporting documents before {{date_limite}}. Once you have done so, you will need to submit your application.\n\n\
To follow your application: {{lien}}",
    }),
};

/// Guide 05.3: "une annulation est définitive et fait l'objet d'un mail".
pub const APPLICATION_CANCELLED: Template = Template {
    key: "candidature_annulee",
    name: "Annulation de candidature",
    fr: Text {
        subject: "{{product}} - Annulation de votre candidature",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été annulée le {{date}}, à votre demande. Cette annulation est définitive.\n\n\
Si vous n'êtes pas à l'origine de cette annulation, contactez l'assistance.",
    },
    en: Some(Text {
        subject: "{{product}} - Your application has been cancelled",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) was cancelled at your request on {{date}}. This cancellation is final.\n\n\
If you did not cancel it yourself, please contact support.",
    }),
};

/// Guide 05.4: "un mail accusant de la bonne réception de votre dossier".
pub const APPLICATION_RECEIVED: Template = Template {
    key: "dossier_receptionne",
    name: "Accusé de réception du dossier",
    fr: Text {
        subject: "{{product}} - Accusé de réception de votre dossier",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a été transmise le {{date}}. Son statut est désormais « Réceptionné ».\n\n\
Vous serez averti·e par mail dès qu'un avis sera émis pour votre candidature : {{lien}}",
    },
    en: Some(Text {
        subject: "{{product}} - We have received your application",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) was submitted on {{date}}. Its status is now “Received”.\n\n\
We will let you know by email as soon as your application has been assessed: {{lien}}",
    }),
};

/// Guide passerelle, "Les étapes de mon dossier": Complet.
pub const DOSSIER_COMPLETE: Template = Template {
    key: "dossier_complet",
    name: "Dossier complet",
    fr: Text {
        subject: "Candidature - dossier complet",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées : votre dossier est considéré comme complet.\n\n\
Vous serez averti·e par mail dès qu'une décision sera rendue : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - your dossier is complete",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) and your supporting documents have been checked: your dossier is complete.\n\n\
We will let you know by email as soon as a decision has been made: {{lien}}",
    }),
};

/// Guide passerelle: "Si vous recevez un mail "Candidature - dossier incomplet"…".
pub const DOSSIER_INCOMPLETE: Template = Template {
    key: "dossier_incomplet",
    name: "Dossier incomplet",
    fr: Text {
        subject: "Candidature - dossier incomplet",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) et vos pièces justificatives ont été vérifiées, et votre dossier est considéré comme incomplet :\n\n\
{{pieces}}\n\n\
Connectez-vous afin de vérifier l'état de vos pièces justificatives, ajouter la pièce manquante ou modifier la pièce qui fait défaut, puis transmettez de nouveau votre candidature, avec le dossier complet, au plus tard le {{date_limite}} : {{lien}}\n\n\
Un dossier non transmis est considéré comme une candidature incomplète ; il ne sera pas validé pour passage en jury.",
    },
    en: Some(Text {
        subject: "Application - your dossier is incomplete",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) and your supporting documents have been checked, and your dossier is incomplete:\n\n\
{{pieces}}\n\n\
Please sign in to check the status of your supporting documents, add the missing document or replace the one that was not accepted, then submit your application again, with a complete dossier, by {{date_limite}} at the latest: {{lien}}\n\n\
An application that has not been submitted is considered incomplete and will not be passed on to the admissions committee.",
    }),
};

/// A published decision (liste principale, liste complémentaire, défavorable).
pub const DECISION_PUBLISHED: Template = Template {
    key: "decision_publiee",
    name: "Décision publiée",
    fr: Text {
        subject: "Candidature - décision",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Une décision a été rendue sur votre candidature à la formation « {{formation}} » ({{centre}}) :\n\n\
{{decision}}\n\n\
{{a_faire}}Retrouvez-la dans votre espace de candidature : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - decision",
        body: "Dear {{prenom}} {{nom}},\n\n\
A decision has been made on your application to the programme “{{formation}}” ({{centre}}):\n\n\
{{decision}}\n\n\
{{a_faire}}You will find it in your applicant area: {{lien}}",
    }),
};

/// "Confirmation candidature".
pub const APPLICATION_CONFIRMED: Template = Template {
    key: "candidature_confirmee",
    name: "Confirmation après avis favorable",
    fr: Text {
        subject: "Candidature - confirmation",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous avez confirmé le {{date}} votre candidature à la formation « {{formation}} » ({{centre}}) pour l'année universitaire {{annee}}.\n\n\
Attention : cette autorisation n'est valable que pour l'année universitaire indiquée. Vous pouvez télécharger votre lettre d'admission depuis votre espace : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - confirmation",
        body: "Dear {{prenom}} {{nom}},\n\n\
On {{date}}, you confirmed your application to the programme “{{formation}}” ({{centre}}) for the {{annee}} academic year.\n\n\
Please note: this admission is valid only for the academic year stated above. You can download your admission letter from your applicant area: {{lien}}",
    }),
};

/// "Désistement candidature", by the candidate or by the deadline.
pub const APPLICATION_WITHDRAWN: Template = Template {
    key: "candidature_desistement",
    name: "Désistement",
    fr: Text {
        subject: "Candidature - désistement",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
{{motif}}\n\n\
Formation : « {{formation}} » ({{centre}}), année universitaire {{annee}}. Aucune inscription administrative ne vous sera proposée. Si vous souhaitez reporter votre inscription à l'année universitaire suivante, il vous faudra à nouveau candidater et votre dossier sera à nouveau examiné par une Commission.\n\n\
Votre espace de candidature : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - withdrawal",
        body: "Dear {{prenom}} {{nom}},\n\n\
{{motif}}\n\n\
Programme: “{{formation}}” ({{centre}}), {{annee}} academic year. You will not be offered enrolment. If you wish to defer your enrolment to the following academic year, you will need to apply again, and your application will be examined again by an admissions committee.\n\n\
Your applicant area: {{lien}}",
    }),
};

/// A place freed up: the first of the waiting list is admitted.
pub const WAITING_LIST_CALLED: Template = Template {
    key: "liste_complementaire_appel",
    name: "Admission depuis la liste complémentaire",
    fr: Text {
        subject: "Candidature - avis favorable",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Une place s'est libérée dans la formation « {{formation}} » ({{centre}}) : vous étiez le premier de la liste complémentaire et votre candidature reçoit un avis favorable.\n\n\
Vous devez confirmer ou vous désister avant le {{date_limite}} (23:59) depuis votre espace de candidature ; passé ce délai sans réponse, la place sera proposée au candidat suivant : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - you have been offered a place",
        body: "Dear {{prenom}} {{nom}},\n\n\
A place has become available in the programme “{{formation}}” ({{centre}}): you were first on the waiting list, and your application now receives an offer.\n\n\
You must confirm your application or withdraw it from your applicant area by {{date_limite}} at 23:59 (Paris time). If you have not answered by then, the place will be offered to the next applicant: {{lien}}",
    }),
};

/// Two days before the deadline of a favourable decision still awaited.
pub const ANSWER_REMINDER: Template = Template {
    key: "rappel_confirmation",
    name: "Rappel : confirmer avant la date limite",
    fr: Text {
        subject: "Candidature - confirmez votre candidature",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) a reçu un avis favorable, que vous n'avez pas encore confirmé.\n\n\
ATTENTION : vous avez jusqu'au {{date_limite}} (23:59) pour confirmer votre candidature ou vous désister. Passé ce délai et sans réponse de votre part, vous perdrez votre place dans la formation : {{lien}}",
    },
    en: Some(Text {
        subject: "Application - please confirm your application",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) has received an offer, which you have not confirmed yet.\n\n\
IMPORTANT: you have until {{date_limite}} at 23:59 (Paris time) to confirm your application or withdraw it. If we have not heard from you by then, you will lose your place on the programme: {{lien}}",
    }),
};

/// A few days before the date limite de retour, the dossier not transmitted.
pub const RETURN_REMINDER: Template = Template {
    key: "rappel_transmission",
    name: "Rappel : dossier à transmettre",
    fr: Text {
        subject: "Candidature - dossier à transmettre",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre candidature à la formation « {{formation}} » ({{centre}}) n'est pas encore transmise. Déposez vos pièces justificatives puis transmettez votre candidature avant le {{date_limite}} (23:59) : {{lien}}\n\n\
Un dossier non transmis est considéré comme une candidature incomplète ; il ne sera pas validé pour passage en jury.",
    },
    en: Some(Text {
        subject: "Application - please submit your application",
        body: "Dear {{prenom}} {{nom}},\n\n\
Your application to the programme “{{formation}}” ({{centre}}) has not been submitted yet. Upload your supporting documents, then submit your application by {{date_limite}} at 23:59 (Paris time): {{lien}}\n\n\
An application that has not been submitted is considered incomplete and will not be passed on to the admissions committee.",
    }),
};

/// An admin created a staff account: the link to choose its password
/// (staff only: French).
pub const STAFF_INVITATION: Template = Template {
    key: "invitation_personnel",
    name: "Invitation d'un membre du personnel",
    fr: Text {
        subject: "{{product}} - Votre compte de gestion",
        body: "Bonjour {{nom}},\n\n\
Un compte {{product}} vient d'être créé pour vous ({{role}}) avec l'adresse {{email}}.\n\n\
Pour choisir votre mot de passe, cliquez sur ce lien {{lien}}\n\n\
Ce lien ne sert qu'une fois et expire le {{expiration}}. Vous vous connecterez ensuite ici : {{connexion}}",
    },
    en: None,
};

/// An address was refused on the account after too many wrong passwords
/// (a candidate's, in their language, or a staff member's, in French).
pub const UNLOCK: Template = Template {
    key: "connexion_suspendue",
    name: "Connexions suspendues depuis une adresse",
    fr: Text {
        subject: "{{product}} - Mots de passe erronés pour votre compte",
        body: "Bonjour {{nom}},\n\n\
Le {{date}}, {{essais}} mots de passe erronés ont été saisis pour votre compte {{product}} depuis l'adresse {{adresse}} : les connexions à votre compte depuis cette adresse sont suspendues pendant un quart d'heure. Depuis toute autre adresse, votre compte reste accessible.\n\n\
Si c'était vous, vous pouvez lever cette suspension tout de suite avec ce lien (valable une heure) : {{lien}}\n\n\
Si ce n'était pas vous, n'y touchez pas : votre mot de passe n'a pas été trouvé. Par prudence, vous pouvez le changer depuis « Mon compte ».",
    },
    en: Some(Text {
        subject: "{{product}} - Wrong passwords entered for your account",
        body: "Dear {{nom}},\n\n\
On {{date}} (Paris time), {{essais}} wrong passwords were entered for your {{product}} account from the IP address {{adresse}}: sign-ins to your account from that address are suspended for fifteen minutes. Your account remains accessible from any other address.\n\n\
If it was you, you can lift this suspension straight away with this link (valid for one hour): {{lien}}\n\n\
If it was not you, leave it as it is: your password was not found. As a precaution, you may change it in “My account”.",
    }),
};

/// A student signing in through the university gave the address of an
/// existing account: joined only once its owner opens this link.
pub const UNIVERSITY_JOIN: Template = Template {
    key: "rattachement_universite",
    name: "Rattachement du compte à la connexion de l'université",
    fr: Text {
        subject: "{{product}} - Rattacher votre compte à votre connexion {{universite}}",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Vous venez de vous connecter avec votre identifiant {{universite}} et avez indiqué cette adresse mail, qui est déjà celle de votre compte {{product}} (login : {{login}}).\n\n\
Pour rattacher ce compte à votre identifiant {{universite}}, cliquez sur ce lien (valable 48 heures) : {{lien}}\n\n\
Vous pourrez ensuite vous connecter avec l'un ou l'autre. Si vous n'êtes pas à l'origine de cette demande, ignorez ce mail : votre compte reste tel quel.",
    },
    en: Some(Text {
        subject: "{{product}} - Link your account to your {{universite}} sign-in",
        body: "Dear {{prenom}} {{nom}},\n\n\
You have just signed in with your {{universite}} username and gave this email address, which is already the address of your {{product}} account (login: {{login}}).\n\n\
To link this account to your {{universite}} username, click this link (valid for 48 hours): {{lien}}\n\n\
You will then be able to sign in either way. If you did not make this request, please ignore this email: your account will stay as it is.",
    }),
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

/// "Supprimer mon compte": the last mail, to the address of the account gone.
pub const ACCOUNT_DELETED: Template = Template {
    key: "compte_suppression",
    name: "Suppression du compte",
    fr: Text {
        subject: "Suppression de votre compte",
        body: "Bonjour {{prenom}} {{nom}},\n\n\
Votre compte {{login}} a été supprimé à votre demande le {{date}}, avec toutes les données de votre dossier et les pièces justificatives que vous aviez déposées.\n\n\
Si vous n'êtes pas à l'origine de cette demande, écrivez à l'assistance.",
    },
    en: Some(Text {
        subject: "Your account has been deleted",
        body: "Dear {{prenom}} {{nom}},\n\n\
At your request, your account {{login}} was deleted on {{date}}, together with all the data in your dossier and the supporting documents you had uploaded.\n\n\
If you did not make this request, please write to support.",
    }),
};

pub fn by_key(key: &str) -> Option<&'static Template> {
    ALL.iter().copied().find(|t| t.key == key)
}

/// Added under every mail, in its language.
fn footer(language: Language) -> &'static str {
    match language {
        Language::Fr => {
            "\n\n--\nCe courriel a été envoyé automatiquement, merci de ne pas y répondre.\n\
{{product}} — assistance : {{assistance}}"
        }
        Language::En => {
            "\n\n--\nThis email was sent automatically; please do not reply to it.\n\
{{product}} — support: {{assistance}}"
        }
    }
}

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
fn render_html(template: &str, vars: &[(&str, &str)], language: Language) -> String {
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
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">{}</body></html>",
        language.code(),
        paragraphs.join("\n")
    )
}

impl Template {
    /// The languages it is written in: French, and English unless only
    /// staff receive it.
    pub fn languages(&self) -> &'static [Language] {
        match self.en {
            Some(_) => &Language::ALL,
            None => &[Language::Fr],
        }
    }

    /// The language a mail to someone reading `wanted` is written in:
    /// `wanted`, or French for a template staff only receive.
    pub fn language_for(&self, wanted: Language) -> Language {
        match (wanted, &self.en) {
            (Language::En, Some(_)) => Language::En,
            _ => Language::Fr,
        }
    }

    /// Its default text in that language (French when it has no English).
    pub fn text(&self, language: Language) -> &Text {
        match (language, &self.en) {
            (Language::En, Some(en)) => en,
            _ => &self.fr,
        }
    }

    /// The mail in its default text, in `language`.
    pub fn build(&self, language: Language, vars: &[(&str, &str)], assistance: &str) -> Mail {
        let language = self.language_for(language);
        let text = self.text(language);
        build_text(language, text.subject, text.body, vars, assistance)
    }

    /// The variables its text may use, in either language: those of the
    /// default French text (the English one uses the same).
    pub fn variables(&self) -> Vec<String> {
        crate::domain::mail_template::variables_of(&format!("{} {}", self.fr.subject, self.fr.body))
    }
}

/// A subject and body with their variables replaced, the footer of that
/// language added.
pub fn build_text(language: Language, subject: &str, body: &str, vars: &[(&str, &str)], assistance: &str) -> Mail {
    let mut all: Vec<(&str, &str)> = vec![("product", PRODUCT), ("assistance", assistance)];
    all.extend_from_slice(vars);
    let template = format!("{body}{}", footer(language));
    Mail { subject: render(subject, &all), html: render_html(&template, &all, language), text: render(&template, &all) }
}

/// The mail of this template in the recipient's language (French for a
/// template staff only receive), in the text staff gave it in that
/// language if they edited it, read in the caller's transaction.
pub async fn compose(
    conn: &mut Conn,
    template: &Template,
    language: Language,
    vars: &[(&str, &str)],
    assistance: &str,
) -> StoreResult<Mail> {
    let language = template.language_for(language);
    Ok(match mail_templates::get(conn, template.key, language).await? {
        Some((subject, body)) => build_text(language, &subject, &body, vars, assistance),
        None => template.build(language, vars, assistance),
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
            Language::Fr,
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
            Language::Fr,
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
        assert!(mail.html.contains("<html lang=\"fr\">"));
        assert!(mail.text.contains("merci de ne pas y répondre"));
    }

    #[test]
    fn renders_the_activation_mail_in_english() {
        let mail = ACTIVATION.build(
            Language::En,
            &[
                ("prenom", "Ada"),
                ("nom", "LOVELACE"),
                ("campagne", "Campagne eCesure 2026/2027"),
                ("login", "AZEMZZJ3"),
                ("lien", "http://127.0.0.1:3000/compte/valider/abc"),
                ("date_limite", "13 April 2026"),
            ],
            "assistance@sesame.test",
        );
        assert_eq!(mail.subject, "Sésame - Activate your account");
        assert!(mail.text.starts_with("Dear Ada LOVELACE,"), "{}", mail.text);
        assert!(mail.text.contains("Login: AZEMZZJ3"));
        assert!(mail.text.contains("before 13 April 2026"));
        assert!(mail.text.ends_with("\n\n--\nThis email was sent automatically; please do not reply to it.\nSésame — support: assistance@sesame.test"), "{}", mail.text);
        assert!(!mail.text.contains("{{"));
        assert!(mail.html.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{}", mail.html);
        assert!(mail.html.contains("<a href=\"http://127.0.0.1:3000/compte/valider/abc\">"));
    }

    #[test]
    fn every_template_says_the_same_in_both_languages() {
        use crate::domain::mail_template::variables_of;
        let mut keys: Vec<&str> = ALL.iter().map(|t| t.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len(), "one key per template");
        let sorted = |text: &Text| {
            let mut names = variables_of(&format!("{} {}", text.subject, text.body));
            names.sort();
            names
        };
        for t in ALL {
            let Some(en) = &t.en else {
                // Staff only: French.
                assert_eq!(t.key, STAFF_INVITATION.key, "{} has no English text", t.key);
                continue;
            };
            assert_eq!(sorted(en), sorted(&t.fr), "{}: the same variables in English", t.key);
            assert_eq!(t.languages(), &Language::ALL);
            assert_eq!(t.language_for(Language::En), Language::En);
            for text in [&t.fr, en] {
                assert!(!text.subject.is_empty() && !text.body.is_empty(), "{}", t.key);
                assert!(!text.subject.contains('\n'), "{}: a subject on one line", t.key);
            }
            // The English text is English: none of the French mails' words
            // outside its variables' names.
            let whole = format!("{} {}", en.subject, en.body);
            let words = variables_of(&whole)
                .iter()
                .fold(whole.clone(), |text, name| text.replace(&format!("{{{{{name}}}}}"), "X"));
            for french in ["Bonjour", "candidature", "formation", "veuillez", "vous", " : ", "«"] {
                assert!(!words.contains(french), "{}: {french:?}", t.key);
            }
        }
        assert_eq!(STAFF_INVITATION.languages(), &[Language::Fr]);
        assert_eq!(STAFF_INVITATION.language_for(Language::En), Language::Fr, "staff mails are French");
        let mail = STAFF_INVITATION.build(Language::En, &[], "a@b.fr");
        assert!(mail.html.contains("<html lang=\"fr\">") && mail.text.contains("assistance : a@b.fr"));
    }

    #[test]
    fn html_escapes_what_people_typed() {
        let mail = ACTIVATION.build(Language::En, &[("prenom", "<script>")], "a@b.fr");
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(!mail.html.contains("<script>"));
    }
}
