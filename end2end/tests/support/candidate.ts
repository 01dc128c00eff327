// A new candidate, created through the UI and validated from the mail, then
// signed in: the starting point of the dossier and application tests.
import { expect, Browser, Page } from '@playwright/test';
import { realPdf } from './files';
import { waitForMail, extractLink } from './mail';

export const PASSWORD = 'Premier-Mot2passe';

/** Waits until the WASM has hydrated the page (the frontend marks it). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/** "Création de compte" filled for Léa Martin at `email`, and sent. */
export async function submitAccountForm(page: Page, email: string) {
  await page.getByLabel(/^Nom/).fill('Martin');
  await page.getByLabel('Prénom').fill('Léa');
  await page.getByLabel(/^Adresse mail/).fill(email);
  await page.getByLabel('Confirmation adresse mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await page.getByLabel('Confirmation mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

export async function signedInCandidate(page: Page, prefix = 'candidat'): Promise<{ email: string; login: string }> {
  const email = `${prefix}.${Date.now()}@example.fr`;
  await page.goto('/compte/creer');
  await hydrated(page);
  await submitAccountForm(page, email);
  await expect(page.getByText('Votre compte a été créé avec succès')).toBeVisible();
  const mail = await waitForMail(email, 'Validation de votre compte');
  const login = /Login : ([A-Z0-9]{8})/.exec(mail.text)![1];
  await page.goto(extractLink(mail.text, '/compte/valider/'));
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByText('Votre compte a été validé')).toBeVisible();
  await page.goto('/connexion');
  await hydrated(page);
  await page.getByLabel('Login ou adresse mail').fill(login);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue');
  return { email, login };
}

/** Fills Informations personnelles (no INE), Adresse and Baccalauréat
 *  ("Je n'ai pas le Bac"): the least a dossier needs to apply. */
export async function completeDossier(page: Page) {
  await page.goto('/dossier/informations-personnelles');
  await hydrated(page);
  await page.getByRole('dialog').getByRole('button', { name: "Je n'ai pas d'INE" }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByLabel('Civilité').selectOption('Mme');
  await page.getByLabel(/^Date naissance/).fill('03/07/2004');
  await page.getByLabel(/^Département de naissance/).selectOption('31');
  await page.getByLabel(/^Ville de naissance/).fill('Toulouse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vos informations personnelles ont été enregistrées' })).toBeVisible();
  await page.goto('/dossier/adresse');
  await hydrated(page);
  await page.getByLabel(/^Adresse \(numéro et voie\)/).fill('12 rue des Lilas');
  await page.getByLabel(/^Code postal/).fill('31000');
  await expect(page.getByLabel(/^Commune/).locator('option')).toHaveCount(2);
  await page.getByLabel(/^Commune/).selectOption('31555');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre adresse a été enregistrée' })).toBeVisible();
  await page.goto('/dossier/baccalaureat');
  await hydrated(page);
  await page.getByLabel("Je n'ai pas le Bac (0000-sans bac)").check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Votre dossier est complet.')).toBeVisible();
}

/** A candidate who applied to `title` (found in the offer by `search`),
 *  sent a file for every piece and transmitted: their page and application id. */
export async function applicant(browser: Browser, prefix: string, title: string, search: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { email, login } = await signedInCandidate(page, prefix);
  await completeDossier(page);
  const id = await applyAndTransmit(page, title, search, `piece ${prefix}`);
  return { page, email, login, id };
}

/** The signed-in candidate applies to `title` (found in the offer by
 *  `search`), sends a PDF for every piece and transmits: the application id. */
export async function applyAndTransmit(page: Page, title: string, search: string, text: string) {
  const id = await applyWithPieces(page, title, search, text);
  await transmit(page);
  return id;
}

/** The signed-in candidate applies to `title` (found in the offer by
 *  `search`) and sends a PDF for every piece: the application id. */
export async function applyWithPieces(page: Page, title: string, search: string, text: string) {
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill(search);
  await page.getByRole('button', { name: `Candidater : ${title}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  const id = Number(/\/candidatures\/(\d+)/.exec(page.url())![1]);
  await hydrated(page);
  // Every piece asked gets a file (the label turns to "Remplacer le fichier").
  const adders = page.getByLabel(/^Ajouter un fichier : /);
  await expect(adders.first()).toBeAttached();
  for (let n = await adders.count(); n > 0; n--) {
    await adders.first().setInputFiles({ name: 'piece.pdf', mimeType: 'application/pdf', buffer: realPdf(text) });
    await expect(adders).toHaveCount(n - 1);
  }
  return id;
}

/** "Transmettre ma candidature", confirmed, on the application's page. */
export async function transmit(page: Page) {
  const button = page.getByRole('button', { name: 'Transmettre ma candidature' });
  await expect(button).toBeEnabled();
  await button.click();
  await page.getByRole('dialog', { name: 'Transmettre ma candidature' }).getByRole('button', { name: 'Oui, transmettre' }).click();
  await expect(page.getByRole('region', { name: 'Informations détaillées' })).toContainText('Réceptionné');
}
