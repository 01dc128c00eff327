// Configuration (issue 5): an admin adds a piece to a centre, creates a
// formation that asks for it (dates checked first), and a candidate
// applies to the new formation and finds the piece among those asked.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { completeDossier, hydrated, signedInCandidate } from './support/candidate';

const CENTRE = 'PASSERELLE TOULOUSE TECH';

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test('an admin creates a formation with its pieces and a candidate applies to it', async ({ page, browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const piece = `ATTESTATION DE STAGE ${stamp}`;
  const title = `LICENCE PRO CONFIGUREE ${stamp}`;
  const staffContext = await browser.newContext();
  const admin = await staffContext.newPage();
  await admin.goto('/gestion/connexion');
  await hydrated(admin);
  await admin.getByLabel('Adresse mail').fill('admin@sesame.localhost');
  await admin.getByLabel('Mot de passe').fill('Admin-Sesame-2026');
  await admin.getByRole('button', { name: 'Se connecter' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
  await admin.getByRole('navigation').getByRole('link', { name: 'Configuration' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Configuration');
  await hydrated(admin);
  await expectNoA11yViolations(admin);

  // A piece asked only by the formations that tick it.
  const pieceForm = admin.locator('form').filter({ has: admin.getByLabel('Libellé de la pièce') });
  await pieceForm.getByRole('combobox', { name: /^Centre/ }).selectOption({ label: CENTRE });
  await pieceForm.getByLabel('Libellé de la pièce').fill(piece);
  await pieceForm.getByLabel('Commune à toutes les formations du centre').uncheck();
  await pieceForm.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(admin.getByRole('row').filter({ hasText: piece })).toContainText('aucune formation pour l\'instant');

  // A new formation: dates that do not hold are refused, field by field.
  await admin.getByRole('link', { name: 'Nouvelle formation' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Nouvelle formation');
  await hydrated(admin);
  await admin.getByRole('combobox', { name: /^Centre/ }).selectOption({ label: CENTRE });
  await admin.getByLabel('Intitulé de la formation').fill(title);
  await admin.getByLabel('Début des candidatures').fill(isoDay(-1));
  await admin.getByLabel('Fin des candidatures').fill(isoDay(-3));
  await admin.getByLabel('Date limite de retour des dossiers').fill(isoDay(30));
  await admin.getByLabel('Capacité').fill('20');
  await admin.getByLabel(piece).check();
  await admin.getByRole('button', { name: 'Enregistrer la formation' }).click();
  await expect(admin.getByLabel('Fin des candidatures')).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.getByText('La date de fin doit être postérieure ou égale à la date de début')).toBeVisible();
  await expectNoA11yViolations(admin);
  await admin.getByLabel('Fin des candidatures').fill(isoDay(20));
  await admin.getByRole('button', { name: 'Enregistrer la formation' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Les modifications ont été enregistrées' })).toBeVisible();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(admin.getByLabel(piece)).toBeChecked();
  await staffContext.close();

  // The candidate finds it in the offer and applies; the piece is asked.
  await signedInCandidate(page, 'configuration');
  await completeDossier(page);
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill(`configuree ${stamp}`);
  await page.getByRole('button', { name: `Candidater : ${title}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  const pieces = page.getByRole('region', { name: 'Pièces justificatives' });
  await expect(pieces.getByRole('row').filter({ hasText: piece })).toContainText('En attente');
});
