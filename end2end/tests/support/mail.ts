// Helpers for reading the mails the app sent, through MailDev's REST API
// (maildev 2.x: GET /email lists every mail, DELETE /email/all empties the box).
// scripts/maildev.sh starts MailDev and exports MAILDEV_API.

const API = (process.env.MAILDEV_API || 'http://127.0.0.1:1080').replace(/\/+$/, '');

export interface Mail {
  subject: string;
  text: string;
  html: string;
  /** Recipient addresses, from the To header and the SMTP envelope. */
  to: string[];
}

interface Address {
  address?: string;
}

interface MailDevEmail {
  subject?: string;
  text?: string;
  html?: string;
  time?: string;
  to?: Address[];
  envelope?: { to?: Address[] };
}

function recipients(m: MailDevEmail): string[] {
  const all = [...(m.to ?? []), ...(m.envelope?.to ?? [])]
    .map((a) => (a.address ?? '').toLowerCase())
    .filter((a) => a !== '');
  return [...new Set(all)];
}

function asMail(m: MailDevEmail): Mail {
  return { subject: m.subject ?? '', text: m.text ?? '', html: m.html ?? '', to: recipients(m) };
}

async function listMails(): Promise<MailDevEmail[]> {
  const res = await fetch(`${API}/email`);
  if (!res.ok) throw new Error(`MailDev GET /email answered ${res.status}`);
  return (await res.json()) as MailDevEmail[];
}

/**
 * Wait until a mail to `to` whose subject contains `subjectIncludes` arrives,
 * and return it (the newest one, if several match).
 */
export async function waitForMail(
  to: string,
  subjectIncludes: string,
  timeoutMs = 15000,
): Promise<Mail> {
  const want = to.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    const mails = await listMails();
    const hits = mails.filter(
      (m) => recipients(m).includes(want) && (m.subject ?? '').includes(subjectIncludes),
    );
    if (hits.length > 0) {
      return asMail(hits[hits.length - 1]);
    }
    seen = mails.map((m) => `${recipients(m).join(',')}: ${m.subject ?? ''}`);
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `No mail to ${to} with subject containing "${subjectIncludes}" within ${timeoutMs} ms. ` +
      `Mails present: ${seen.length ? '\n  ' + seen.join('\n  ') : 'none'}`,
  );
}

/** Every mail to `to`, oldest first. */
export async function mailsTo(to: string): Promise<Mail[]> {
  const want = to.toLowerCase();
  return (await listMails())
    .filter((m) => recipients(m).includes(want))
    .map(asMail);
}

/** The first http(s) URL in `text` that contains `pathPart`. */
export function extractLink(text: string, pathPart: string): string {
  const urls = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  const url = urls.find((u) => u.includes(pathPart));
  if (!url) {
    throw new Error(`No link containing "${pathPart}" in:\n${text}`);
  }
  // Sentence punctuation right after a link is not part of it.
  return url.replace(/[.,;:!?]+$/, '');
}

/** Delete every mail MailDev holds. */
export async function clearMails(): Promise<void> {
  const res = await fetch(`${API}/email/all`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`MailDev DELETE /email/all answered ${res.status}`);
}
