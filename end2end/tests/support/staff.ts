// Staff sign-in, as the demo's accounts (see `sesame demo`).
import { expect, Page } from '@playwright/test';
import { hydrated } from './candidate';

export const ADMIN = { email: 'admin@sesame.localhost', password: 'Admin-Sesame-2026' };
export const GESTIONNAIRE = { email: 'gestionnaire@sesame.localhost', password: 'Gestion-Sesame-2026' };

export async function staffSignIn(page: Page, who: { email: string; password: string } = GESTIONNAIRE) {
  await page.goto('/gestion/connexion');
  await hydrated(page);
  await page.getByLabel('Adresse mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
}

/** A server function called as the browser's WASM calls it. */
export async function api(page: Page, path: string, form: Record<string, string>) {
  const reply = await page.request.post(`/api/${path}`, { form, headers: { Accept: 'application/json' } });
  expect(reply.ok(), await reply.text()).toBeTruthy();
  const text = await reply.text();
  return text ? JSON.parse(text) : null;
}

/** Validates every piece (on the file shown) and marks the dossier Complet. */
export async function markComplete(staff: Page, id: number) {
  let d = await api(staff, 'gestion/candidature', { id: String(id) });
  for (const p of d.pieces) {
    const file: Record<string, string> = p.file_id == null ? {} : { fichier: String(p.file_id) };
    await api(staff, 'gestion/candidature/piece', { application: String(id), version: String(d.version), piece: String(p.piece_id), ...file, verdict: 'validee', commentaire: '' });
    d = await api(staff, 'gestion/candidature', { id: String(id) });
  }
  await api(staff, 'gestion/candidature/statut', { application: String(id), version: String(d.version), statut: 'complet' });
}

/** Validates every piece, marks Complet, prepares and publishes `decision`. */
export async function decide(staff: Page, id: number, decision: Record<string, string>) {
  await markComplete(staff, id);
  let d = await api(staff, 'gestion/candidature', { id: String(id) });
  await api(staff, 'gestion/candidature/decision', { application: String(id), version: String(d.version), ...decision });
  d = await api(staff, 'gestion/candidature', { id: String(id) });
  await api(staff, 'gestion/candidature/decision/publier', { application: String(id), version: String(d.version) });
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** An admin opens a formation of `centre`, applications open from
 *  yesterday for 20 days, the date limite de retour in 30. */
export async function createFormation(admin: Page, centre: string, title: string, { capacity = 10, waitingList = false } = {}) {
  await admin.goto('/gestion/configuration/formations/nouvelle');
  await hydrated(admin);
  await admin.getByRole('combobox', { name: /^Centre/ }).selectOption({ label: centre });
  await admin.getByLabel('Intitulé de la formation').fill(title);
  await admin.getByLabel('Début des candidatures').fill(isoDay(-1));
  await admin.getByLabel('Fin des candidatures').fill(isoDay(20));
  await admin.getByLabel('Date limite de retour des dossiers').fill(isoDay(30));
  await admin.getByLabel('Capacité').fill(String(capacity));
  if (waitingList) await admin.getByLabel('Liste complémentaire ouverte').check();
  await admin.getByRole('button', { name: 'Enregistrer la formation' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(title);
}
