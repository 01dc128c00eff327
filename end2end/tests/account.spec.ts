// The candidate's first steps (guide "Mon compte", 02.1 and 03): create an
// account, validate it from the mail, sign in and out, reset the password.
import { test, expect, Page } from '@playwright/test';
import { waitForMail, extractLink } from './support/mail';
import { expectNoA11yViolations } from './support/axe';
import { submitAccountForm } from './support/candidate';

const PASSWORD = 'Premier-Mot2passe';
const NEW_PASSWORD = 'Second-Mot3passe';

/** Waits until the WASM has hydrated the page (the frame marks it). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

test('a candidate creates, validates, signs in, signs out and resets the password', async ({ page }) => {
  const email = `lea.${Date.now()}@example.fr`;

  await page.goto('/');
  await expect(page).toHaveTitle(/Accueil — Sésame/);
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Création de compte' })).toBeVisible();
  await hydrated(page);

  // Field-level messages come back from the server, and nothing is created.
  await page.getByLabel(/^Nom/).fill('Martin');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#prenom-erreur')).toHaveText(/Ce champ est obligatoire/);
  await expect(page.getByLabel('Prénom')).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page);

  await page.getByLabel('Prénom').fill('Léa');
  await page.getByLabel(/^Adresse mail/).fill(email);
  await page.getByLabel('Confirmation adresse mail').fill(email);
  // The password rules are checked as the user types, in the browser.
  const rules = page.locator('#regles-mot-de-passe');
  await page.getByLabel(/^Mot de passe/).fill('abc');
  await expect(rules.locator('li.rule-ok')).toHaveCount(2); // lower case, no space
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await expect(rules.locator('li.rule-ok')).toHaveCount(6);
  await page.getByLabel('Confirmation mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Votre compte a été créé avec succès, veuillez consulter vos courriels pour le valider.')).toBeVisible();

  const activation = await waitForMail(email, 'Validation de votre compte');
  expect(activation.text).toContain('Bonjour Léa MARTIN,');
  const login = /Login : ([A-Z0-9]{8})/.exec(activation.text)![1];
  // Following the link changes nothing (mail scanners follow links): the button does.
  await page.goto(extractLink(activation.text, '/compte/valider/'));
  await expect(page.getByRole('button', { name: 'Valider mon compte' })).toBeVisible();
  await expectNoA11yViolations(page);
  await hydrated(page);
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByText('Votre compte a été validé')).toBeVisible();
  await expect(page.locator('.login')).toHaveText(login);
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Se connecter' }).click();
  await hydrated(page);
  await page.getByLabel('Login ou adresse mail').fill(login);
  await page.getByLabel('Mot de passe').fill('Mauvais-mot1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Identifiant ou mot de passe incorrect');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue');
  await expect(page.locator('.login')).toHaveText(login);
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Déconnexion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Déconnexion' })).toHaveCount(0);

  await page.getByRole('link', { name: "J'ai oublié mon mot de passe" }).click();
  await hydrated(page);
  await page.getByLabel('Adresse mail').fill(email);
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte correspond à cette adresse');
  const reset = await waitForMail(email, 'Vos identifiants de connexion');
  expect(reset.text).toContain(`Login : ${login}`);
  await page.goto(extractLink(reset.text, '/compte/reinitialiser/'));
  await hydrated(page);
  await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
  await page.getByLabel('Confirmation nouveau mot de passe').fill(NEW_PASSWORD);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toContainText('Votre mot de passe a été changé');

  await hydrated(page);
  await page.getByLabel('Login ou adresse mail').fill(email);
  await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue');
});

test('forms still work before the WASM has loaded', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByLabel('Login ou adresse mail').fill('personne@example.fr');
  await page.getByLabel('Mot de passe').fill('Mauvais-mot1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Identifiant ou mot de passe incorrect');

  await page.goto('/compte/creer');
  await page.getByLabel(/^Nom/).fill('Martin');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#prenom-erreur')).toHaveText(/Ce champ est obligatoire/);
  await expect(page.locator('#email-erreur')).toHaveText(/Ce champ est obligatoire/);

  // The activation link's button, without WASM: once, then the link is spent.
  const email = `sansjs-${Date.now()}@example.fr`;
  await page.goto('/compte/creer');
  await submitAccountForm(page, email);
  const link = extractLink((await waitForMail(email, 'Validation de votre compte')).text, '/compte/valider/');
  await page.goto(link);
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByRole('status')).toContainText('Votre compte a été validé');
  await page.goto(link);
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText(/plus valable|expiré/);
  await context.close();
});

test('staff sign in under /gestion and see the campaign', async ({ page }) => {
  await page.goto('/gestion/connexion');
  await expectNoA11yViolations(page);
  await hydrated(page);
  await page.getByLabel('Adresse mail').fill('gestionnaire@sesame.localhost');
  await page.getByLabel('Mot de passe').fill('Gestion-Sesame-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /GESTION CESURE MEDECINE/ }).first()).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Déconnexion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion gestionnaires' })).toBeVisible();
});

test('an idle session warns before it ends, and the dialog is keyboard usable', async ({ page }) => {
  await page.clock.install();
  await page.goto('/gestion/connexion');
  await hydrated(page);
  await page.getByLabel('Adresse mail').fill('admin@sesame.localhost');
  await page.getByLabel('Mot de passe').fill('Admin-Sesame-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  // The page as the server sends it to a signed-in member: the header is
  // drawn once (right after the sign-in, the browser may still be drawing
  // it again with the account's frame, and a button drawn again is another).
  await page.reload();
  await hydrated(page);
  const signOut = page.getByRole('button', { name: 'Déconnexion' });
  await signOut.focus();
  await page.clock.fastForward('40:01');
  const dialog = page.getByRole('alertdialog', { name: 'Votre session va expirer' });
  await expect(dialog).toBeVisible();
  const stay = dialog.getByRole('button', { name: 'Rester connecté·e' });
  await expect(stay).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(signOut).toBeFocused();
});
