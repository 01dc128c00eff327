// Two instances (issue 16): two `sesame serve` on one PostgreSQL and one S3
// bucket, behind HAProxy balancing round-robin (scripts/test.sh's last
// step; SESAME_INSTANCES names them). The journey runs through the
// balancer; requests sent to each instance directly show that what one
// received, the other serves. Midway one instance is killed: nothing is
// lost, the journey goes on through the other, and each mail arrives once.
import { test, expect, Page } from '@playwright/test';
import { applyWithPieces, completeDossier, hydrated, signedInCandidate, transmit, PASSWORD } from '../support/candidate';
import { mailsTo, waitForMail } from '../support/mail';
import { realPdf } from '../support/files';
import { api, createFormation, markComplete, staffSignIn, ADMIN, GESTIONNAIRE } from '../support/staff';

test.use({ ignoreHTTPSErrors: true });

interface Instance {
  pid: number;
  url: string;
}

const INSTANCES: Instance[] = (process.env.SESAME_INSTANCES ?? '')
  .split(',')
  .filter((s) => s !== '')
  .map((s) => {
    const [pid, address] = s.split('@');
    return { pid: Number(pid), url: `http://${address}` };
  });

/** The session cookie of a page, to send to an instance directly. */
async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test('a journey across two instances loses nothing when one dies', async ({ browser, request }) => {
  test.setTimeout(180_000);
  expect(INSTANCES).toHaveLength(2);
  const stamp = Date.now().toString().slice(-6);
  const title = `FORMATION DEUX INSTANCES ${stamp}`;
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, ADMIN);
  await createFormation(admin, 'PASSERELLE TOULOUSE TECH', title, { capacity: 1 });

  // Through the balancer: the account is created, validated from its mail,
  // signed in; the dossier, the application and every piece.
  const page = await (await browser.newContext()).newPage();
  const { email, login } = await signedInCandidate(page, 'deux');
  // The account, made through whichever instance, signs in on each.
  for (const instance of INSTANCES) {
    const signIn = await request.post(`${instance.url}/api/session/connexion`, {
      form: { identifiant: login, mot_de_passe: PASSWORD },
    });
    expect(signIn.ok(), `${instance.url}: ${signIn.status()} ${await signIn.text()}`).toBeTruthy();
    expect(signIn.headers()['set-cookie'] ?? '').toContain('HttpOnly');
  }
  await completeDossier(page);
  const id = await applyWithPieces(page, title, `instances ${stamp}`, 'piece deux instances');

  // Each piece, sent through whichever instance, is read from both.
  const cookie = await sessionCookie(page);
  const detail = await api(page, 'candidatures/pieces', { application: String(id) });
  const sent = detail.pieces.filter((p: { file_id: number | null }) => p.file_id != null);
  expect(sent.length).toBeGreaterThan(0);
  for (const piece of sent) {
    const bodies = await Promise.all(
      INSTANCES.map(async (i) => {
        const reply = await request.get(`${i.url}/fichiers/${piece.file_id}`, { headers: { Cookie: cookie } });
        expect(reply.status(), `${i.url}: ${piece.label}`).toBe(200);
        return (await reply.body()).toString('latin1');
      }),
    );
    expect(bodies[0]).toContain('%PDF');
    expect(bodies[1]).toBe(bodies[0]);
  }

  // "Ajouter un autre fichier" on one instance, then on the other: each
  // merges a file the other stored; one PDF of three parts.
  const merged = sent[0];
  for (const instance of INSTANCES) {
    const reply = await request.post(`${instance.url}/fichiers/candidature/${id}/piece/${merged.piece_id}?ajout=1`, {
      headers: { Cookie: cookie, 'X-Nom-Fichier': 'suite.pdf' },
      data: realPdf(`suite ${instance.url}`),
    });
    expect(reply.status(), await reply.text()).toBe(204);
  }
  const after = await api(page, 'candidatures/pieces', { application: String(id) });
  const line = after.pieces.find((p: { piece_id: number }) => p.piece_id === merged.piece_id);
  expect(line.file_parts).toBe(3);

  // One instance dies, without warning; the candidate transmits, the staff
  // member validates and decides, the candidate confirms: all through the
  // balancer, now down to one instance.
  process.kill(INSTANCES[0].pid, 'SIGKILL');
  await page.reload();
  await hydrated(page);
  await transmit(page);
  await waitForMail(email, 'Accusé de réception');
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, GESTIONNAIRE);
  await markComplete(staff, id);
  let d = await api(staff, 'gestion/candidature', { id: String(id) });
  await api(staff, 'gestion/candidature/decision', { application: String(id), version: String(d.version), decision: 'favorable' });
  d = await api(staff, 'gestion/candidature', { id: String(id) });
  await api(staff, 'gestion/candidature/decision/publier', { application: String(id), version: String(d.version) });
  await waitForMail(email, 'Candidature - décision');
  await page.reload();
  await hydrated(page);
  await page.getByRole('region', { name: 'Action' }).getByRole('button', { name: 'Confirmation candidature' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre candidature est confirmée' })).toBeVisible();
  await waitForMail(email, 'Candidature - confirmation');

  // The merged piece, stored before the death, downloads from the survivor.
  const survivor = await request.get(`${INSTANCES[1].url}/fichiers/${line.file_id}`, { headers: { Cookie: cookie } });
  expect(survivor.status()).toBe(200);
  expect((await survivor.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Every mail of the journey arrived once, whichever instance queued it.
  await page.waitForTimeout(2000);
  const subjects = (await mailsTo(email)).map((m) => m.subject).sort();
  expect(new Set(subjects).size, subjects.join('\n')).toBe(subjects.length);
  for (const expected of ['Validation de votre compte', 'Accusé de réception', 'Candidature - décision', 'Candidature - confirmation']) {
    expect(subjects.filter((s) => s.includes(expected)), subjects.join('\n')).toHaveLength(1);
  }
});
