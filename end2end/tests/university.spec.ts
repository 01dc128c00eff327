// The university's own people through its CAS (guide ecesure, 02.2), against
// the real CAS 3.0 server the test script starts (django-cas-server,
// scripts/cas.sh) with the users of testservers/cas/testdata.json.
import { test, expect, Page } from '@playwright/test';
import { waitForMail, extractLink } from './support/mail';
import { expectNoA11yViolations } from './support/axe';
import { applyAndTransmit, hydrated } from './support/candidate';

const STUDENT_BUTTON = "Je suis étudiant·e à l'Université d'Exemple";

/** The validation mail's link opened, then back through the university:
 *  straight in. Returns the mail. */
async function validateThenComeBack(page: Page, email: string, name: string) {
  const mail = await waitForMail(email, 'Validation de votre compte');
  await page.goto(extractLink(mail.text, '/compte/valider/'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Valider mon compte' }).click();
  await expect(page.getByText('Votre compte a été validé')).toBeVisible();
  // The university's session is still open: straight in.
  await page.goto('/connexion');
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Bienvenue, ${name}`);
  await expectNoA11yViolations(page);
  return mail;
}

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
  await expect(page.locator('dd').filter({ hasText: '0612345678D' })).toBeVisible();
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

  const mail = await validateThenComeBack(page, 'lea.martin@etu.univ-exemple.fr', 'Léa MARTIN');
  expect(mail.text).toContain('Bonjour Léa MARTIN,');
});

// After the test above: Léa's account exists and is validated. The test
// script imported testservers/scolarite/export.csv (her bac and three years)
// before starting the server; the directory gives her INE, birth date and
// address.
test("a student's dossier comes from the university; she applies to a césure and a staff member reviews it through CAS", async ({ page, browser }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await casSignIn(page, 'etu.martin', 'Etudiant-Cas-2026');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bienvenue, Léa MARTIN');
  const checklist = page.getByRole('list', { name: 'Rubriques du dossier' });
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Cursus interne' })).toContainText("Fourni par l'université — 3 année(s)");
  await expectNoA11yViolations(page);

  // Informations personnelles: the INE, names and birth date are the
  // university's, read-only; no INE pop-up.
  await page.goto('/dossier/informations-personnelles');
  await hydrated(page);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const fromUniversity = page.getByRole('region', { name: 'Transmis par votre université' });
  await expect(fromUniversity).toContainText('Ces informations proviennent de votre dossier de scolarité.');
  await expect(fromUniversity.locator('dd').filter({ hasText: '0612345678D' })).toBeVisible();
  await expect(fromUniversity.locator('dd').filter({ hasText: '15/04/2003' })).toBeVisible();
  await expect(page.getByLabel(/^Nom de naissance/)).toHaveCount(0);
  await expect(page.getByLabel(/^INE/)).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('identite-universite.png'), fullPage: true });
  await page.getByLabel('Civilité').selectOption('Mme');
  await page.getByLabel(/^Département de naissance/).selectOption('31');
  await page.getByLabel(/^Ville de naissance/).fill('Toulouse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vos informations personnelles ont été enregistrées' })).toBeVisible();

  // Adresse (the directory's) and Baccalauréat (the records'): shown, confirmed.
  await page.goto('/dossier/adresse');
  await hydrated(page);
  await expect(page.getByRole('note')).toContainText('Ces informations proviennent de votre dossier de scolarité.');
  await expect(page.locator('dd').filter({ hasText: '12 rue des Lilas' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: 'Toulouse' })).toBeVisible();
  await expect(page.getByLabel(/^Code postal/)).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Confirmer ces informations' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre adresse a été enregistrée' })).toBeVisible();
  await page.goto('/dossier/baccalaureat');
  await hydrated(page);
  await expect(page.locator('dd').filter({ hasText: 'Baccalauréat général' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: 'Lycée Pierre de Fermat' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('bac-universite.png'), fullPage: true });
  await page.getByRole('button', { name: 'Confirmer ces informations' }).click();
  await expect(page.getByText('Votre dossier est complet.')).toBeVisible();

  // Cursus interne: her three years, read-only.
  await page.goto('/dossier/cursus-interne');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cursus interne');
  const years = page.getByRole('region', { name: 'Cursus interne' });
  await expect(years.getByRole('row')).toHaveCount(4);
  await expect(years.getByRole('row').filter({ hasText: '2023-2024' })).toContainText('Licence Droit 3e année');
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('cursus-interne.png'), fullPage: true });

  // A césure, its pieces, transmitted.
  const id = await applyAndTransmit(page, 'GESTION CESURE FSI L1 (ANNEE)', 'cesure fsi', 'piece etu.martin');

  // A staff member of the university reviews it, signed in through CAS.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto('/gestion/connexion');
  await staff.getByRole('link', { name: "Se connecter avec le compte de l'Université d'Exemple" }).click();
  await casSignIn(staff, 'pers.gestion', 'Personnel-Cas-2026');
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
  await staff.goto(`/gestion/candidatures/${id}`);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(/^Dossier de Léa Martin$/i);
  await hydrated(staff);
  const sheet = staff.getByRole('region', { name: 'Dossier du candidat' });
  await expect(sheet).toContainText("Origine : l'université (annuaire, dossier de scolarité)");
  await expect(sheet).toContainText('2022-2023 · LDR2 · Licence Droit 2e année · ADM');
  await expect(sheet).toContainText('0612345678D');
  await expectNoA11yViolations(staff);
  await staff.screenshot({ path: test.info().outputPath('revue-universite.png'), fullPage: true });
  await staffContext.close();
});

// At 360 px: a student the records know without a bac (Camille, one year),
// first signed in here.
test('the university\'s sections at 360 px @mobile', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: STUDENT_BUTTON }).click();
  await casSignIn(page, 'etu.dupont', 'Etudiant-Cas-2026');
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifier les informations et renseigner votre adresse mail' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Validez votre adresse mail' })).toBeVisible();
  await validateThenComeBack(page, 'camille.dupont@etu.univ-exemple.fr', 'Camille DUPONT');

  await page.goto('/dossier/cursus-interne');
  await hydrated(page);
  const years = page.getByRole('region', { name: 'Cursus interne' });
  await expect(years.getByRole('row').filter({ hasText: '2024-2025' })).toContainText('Licence Histoire 1re année');
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('cursus-interne-360.png'), fullPage: true });

  // Her names are the directory's; no INE anywhere: the pop-up asks.
  await page.goto('/dossier/informations-personnelles');
  await hydrated(page);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: "Je n'ai pas d'INE" }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Transmis par votre université' }).locator('dd').filter({ hasText: 'DUPONT' })).toBeVisible();
  await expect(page.getByLabel(/^INE/)).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('identite-360.png'), fullPage: true });
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
