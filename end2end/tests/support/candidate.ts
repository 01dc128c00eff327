// A new candidate, created through the UI and validated from the mail, then
// signed in: the starting point of the dossier and application tests.
import { expect, Page } from '@playwright/test';
import { waitForMail, extractLink } from './mail';

export const PASSWORD = 'Premier-Mot2passe';

/** Waits until the WASM has hydrated the page (the frontend marks it). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

export async function signedInCandidate(page: Page, prefix = 'candidat'): Promise<{ email: string; login: string }> {
  const email = `${prefix}.${Date.now()}@example.fr`;
  await page.goto('/compte/creer');
  await hydrated(page);
  await page.getByLabel(/^Nom/).fill('Martin');
  await page.getByLabel('Prénom').fill('Léa');
  await page.getByLabel(/^Adresse mail/).fill(email);
  await page.getByLabel('Confirmation adresse mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await page.getByLabel('Confirmation mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Votre compte a été créé avec succès')).toBeVisible();
  const mail = await waitForMail(email, 'Validation de votre compte');
  const login = /Login : ([A-Z0-9]{8})/.exec(mail.text)![1];
  await page.goto(extractLink(mail.text, '/compte/valider/'));
  await expect(page.getByText('Votre compte a été validé')).toBeVisible();
  await page.goto('/connexion');
  await hydrated(page);
  await page.getByLabel('Login ou adresse mail').fill(login);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue');
  return { email, login };
}
