// "Mon compte" → "Modifier mon adresse mail": the new address takes effect
// through the link mailed to it. And a form left with unsaved changes warns.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { hydrated, signedInCandidate, PASSWORD } from './support/candidate';
import { waitForMail, extractLink } from './support/mail';

test('a candidate changes their mail address through the link sent to the new one', async ({ page }) => {
  const { email, login } = await signedInCandidate(page, 'adresse');
  await page.goto('/compte');
  await hydrated(page);
  const section = page.getByRole('region', { name: 'Modifier mon adresse mail' });
  await expectNoA11yViolations(page);
  const fresh = `nouvelle.${Date.now()}@example.org`;
  await section.getByLabel(/^Nouvelle adresse mail/).fill(fresh);
  await section.getByLabel(/^Confirmation nouvelle adresse mail/).fill(fresh);
  await section.getByLabel(/^Mot de passe actuel/).fill('pas le bon');
  await section.getByRole('button', { name: 'Modifier mon adresse mail' }).click();
  await expect(section.locator('#adresse-mot-de-passe-erreur')).toContainText('mot de passe');
  await section.getByLabel(/^Mot de passe actuel/).fill(PASSWORD);
  await section.getByRole('button', { name: 'Modifier mon adresse mail' }).click();
  await expect(section.getByRole('status')).toContainText('Un lien de confirmation vient d');
  await expect(section).toContainText(fresh);

  const notice = await waitForMail(email, 'Demande de changement');
  expect(notice.text).toContain(fresh);
  const mail = await waitForMail(fresh, 'Confirmation de votre nouvelle adresse mail');
  expect(mail.text).toContain(login);
  await page.goto(extractLink(mail.text, '/compte/adresse/'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
  await expect(page.getByRole('status')).toContainText('Votre adresse mail a été modifiée');
  await expect(page.getByRole('status')).toContainText(fresh);
  await expectNoA11yViolations(page);
  await page.goto('/compte');
  await expect(page.locator('.facts')).toContainText(fresh);
});

test('leaving a dossier form with unsaved changes asks first', async ({ page }) => {
  await signedInCandidate(page, 'garde');
  await page.goto('/dossier/adresse');
  await hydrated(page);
  await page.getByLabel(/^Adresse \(numéro et voie\)/).fill('3 allée des Tilleuls');

  // Declined: the candidate stays, with what they typed.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('modifications non enregistrées');
    dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(page).toHaveURL(/\/dossier\/adresse$/);
  await expect(page.getByLabel(/^Adresse \(numéro et voie\)/)).toHaveValue('3 allée des Tilleuls');

  // Accepted: the link is followed.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(page).toHaveURL(/\/$/);

  // Nothing typed: no question.
  await page.goto('/dossier/adresse');
  await hydrated(page);
  let asked = false;
  page.on('dialog', (dialog) => { asked = true; dialog.dismiss(); });
  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(asked).toBe(false);
});
