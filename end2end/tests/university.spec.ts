// The university's own people through its CAS (guide ecesure, 02.2), against
// the real CAS 3.0 server the test script starts (django-cas-server,
// scripts/cas.sh) with the users of testservers/cas/testdata.json.
import { test, expect, Page } from '@playwright/test';
import { waitForMail, extractLink } from './support/mail';
import { expectNoA11yViolations } from './support/axe';
import { hydrated } from './support/candidate';

const STUDENT_BUTTON = "Je suis étudiant·e à l'Université d'Exemple";

/** The university's own sign-in page (not Sésame's), filled and sent. */
async function casSignIn(page: Page, user: string, password: string) {
  await expect(page.getByRole('heading', { name: 'Veuillez vous authentifier' })).toBeVisible();
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Connexion' }).click();
}

test('a student signs in through the university, confirms the address, then goes straight in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: STUDENT_BUTTON })).toBeVisible();
  await page.goto('/connexion');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await casSignIn(page, 'etu.martin', 'Mauvais-mot-de-passe');
  await expect(page.locator('.alert-danger')).toBeVisible();
  await casSignIn(page, 'etu.martin', 'Etudiant-Cas-2026');

  // "Vérifier les informations et renseigner votre adresse mail".
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifier les informations et renseigner votre adresse mail' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: 'etu.martin' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: 'Léa' })).toBeVisible();
  await expect(page.getByLabel(/^Adresse mail/)).toHaveValue('lea.martin@etu.univ-exemple.fr');
  // From the university's directory.
  await expect(page.locator('dd').filter({ hasText: '1234567890A' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: '15/04/2003' })).toBeVisible();
  await expectNoA11yViolations(page);
  await hydrated(page);
  await page.getByLabel(/^Adresse mail/).fill('lea@');
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByLabel(/^Adresse mail/)).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page);
  await page.getByLabel(/^Adresse mail/).fill('lea.martin@etu.univ-exemple.fr');
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Validez votre adresse mail' })).toBeVisible();
  await expectNoA11yViolations(page);

  // Before the address is validated, the university's way in says so.
  await page.goto('/connexion');
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await expect(page.getByRole('alert')).toContainText("Votre compte n'est pas encore validé");
  await expectNoA11yViolations(page);

  const mail = await waitForMail('lea.martin@etu.univ-exemple.fr', 'Validation de votre compte');
  expect(mail.text).toContain('Bonjour Léa MARTIN,');
  await page.goto(extractLink(mail.text, '/compte/valider/'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByText('Votre compte a été validé')).toBeVisible();

  // Later: the university's session is still open, so straight in.
  await page.goto('/connexion');
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue, Léa MARTIN');
  await expectNoA11yViolations(page);
});

test('a ticket used twice is refused with a message', async ({ page }) => {
  await page.goto('/cas/retour?ticket=ST-1-deja-utilise');
  await expect(page).toHaveURL(/\/connexion\?universite=refusee$/);
  await expect(page.getByRole('alert')).toContainText("La connexion par l'université n'a pas abouti");
  await expectNoA11yViolations(page);
});

test('a staff member tied to a CAS identifier signs in through it', async ({ page }) => {
  await page.goto('/gestion/connexion');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: "Se connecter avec le compte de l'Université d'Exemple" }).click();
  await casSignIn(page, 'pers.gestion', 'Personnel-Cas-2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
});
