// Campaign end (issue 6). An admin prepares the next campaign (activating
// it would archive the demo campaign the other tests use: that is covered
// by the integration tests); a candidate downloads their data and deletes
// their account.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { expectNoA11yViolations } from './support/axe';
import { hydrated, signedInCandidate, PASSWORD } from './support/candidate';
import { waitForMail } from './support/mail';
import { staffSignIn, ADMIN } from './support/staff';
import { pdfText } from './support/pdf';


test('an admin prepares the next campaign with the configuration carried over', async ({ page }) => {
  await staffSignIn(page, ADMIN);
  await page.goto('/gestion/configuration');
  await page.getByRole('link', { name: 'Campagnes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campagnes');
  await hydrated(page);
  const table = page.getByRole('region', { name: 'Campagnes' }).getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: 'Active' })).toHaveCount(1);

  // Refused field by field, nothing created.
  const form = page.getByRole('region', { name: 'Nouvelle campagne' });
  await form.getByLabel('Code').fill('2027 bis');
  await form.getByLabel('Année universitaire').fill('2027/2029');
  await form.getByLabel(/^Durée de conservation/).fill('5');
  await form.getByRole('button', { name: 'Créer la campagne' }).click();
  await expect(form.getByText('Le code ne peut contenir que des lettres sans accent')).toBeVisible();
  await expect(form.getByText('Indiquez un nombre de jours entre 30 et 3650.')).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);

  const code = `E2E-${Date.now().toString().slice(-6)}`;
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Libellé').fill(`Campagne ${code}`);
  await form.getByLabel('Année universitaire').fill('2027/2028');
  await form.getByLabel(/^Durée de conservation/).fill('365');
  await form.getByRole('button', { name: 'Créer la campagne' }).click();
  const prepared = table.getByRole('row').filter({ hasText: code });
  await expect(prepared).toContainText('En préparation');
  await expectNoA11yViolations(page);

  // "Activer" asks first; Escape closes the dialog and gives the focus back.
  const activate = prepared.getByRole('button', { name: /^Activer/ });
  await activate.click();
  const dialog = page.getByRole('dialog', { name: 'Activer la campagne' });
  await expect(dialog).toContainText('sera archivée');
  await expect(dialog.getByRole('button', { name: 'Non' })).toBeFocused();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(activate).toBeFocused();
  await expect(prepared).toContainText('En préparation');

  // Configured before it opens: its own formations, a year later.
  await prepared.getByRole('link', { name: /^Configurer/ }).click();
  await expect(page.getByRole('note')).toContainText(`Vous configurez la campagne en préparation « Campagne ${code} (2027/2028) »`);
  await hydrated(page);
  const formations = page.getByRole('region', { name: 'Formations' });
  await expect(formations).toContainText('2027');
  await expectNoA11yViolations(page);
  await formations.getByRole('link').first().click();
  await expect(page.getByRole('link', { name: 'Retour à la configuration' })).toHaveAttribute('href', /campagne=\d+/);
});

test('a candidate downloads their data and deletes their account', async ({ page }) => {
  const { email, login } = await signedInCandidate(page, 'mes-donnees');
  await page.goto('/compte');
  await hydrated(page);
  const data = page.getByRole('region', { name: 'Mes données' });
  const download = (link: string) => Promise.all([page.waitForEvent('download'), data.getByRole('link', { name: link }).click()]).then(([d]) => d.path());
  const pdf = await pdfText(fs.readFileSync(await download('Télécharger mes données (PDF)')));
  for (const w of ['Mes données', login, email, 'MARTIN']) expect(pdf.text, `the PDF says ${w}`).toContain(w);
  const json = JSON.parse(fs.readFileSync(await download('Télécharger mes données (JSON)'), 'utf8'));
  expect(json.compte).toMatchObject({ login, adresse_mail: email, nom: 'MARTIN' });

  await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
  const dialog = page.getByRole('dialog', { name: 'Supprimer mon compte' });
  await expect(dialog).toContainText('Attention : cette action est irréversible');
  await expectNoA11yViolations(page);
  await dialog.getByLabel('Mot de passe').fill('Pas-le-bon-1');
  await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(dialog.getByText('Le mot de passe actuel est incorrect.')).toBeVisible();
  await dialog.getByLabel('Mot de passe').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre compte et toutes ses données ont été supprimés' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Créer un compte' }).first()).toBeVisible();
  await waitForMail(email, 'Suppression de votre compte');

  await page.goto('/connexion');
  await hydrated(page);
  await page.getByLabel('Login ou adresse mail').fill(login);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
