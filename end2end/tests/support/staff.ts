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
