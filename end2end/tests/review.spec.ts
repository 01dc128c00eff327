// Staff review (issue 5): a gestionnaire finds a transmitted dossier with
// the filters, refuses a piece with a comment and marks it Incomplet; the
// candidate is mailed, replaces the piece and transmits again; the
// gestionnaire validates every piece and marks it Complet.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { completeDossier, hydrated, signedInCandidate, transmit } from './support/candidate';
import { waitForMail } from './support/mail';
import { CESURE_PIECES, pdf } from './support/files';
import { staffSignIn } from './support/staff';

const FORMATION = 'GESTION CESURE FSI L1 (ANNEE)';
const PIECES = CESURE_PIECES;



test('a gestionnaire reviews a dossier, the candidate completes it, it ends Complet', async ({ page, browser }) => {
  // The candidate applies and transmits.
  const { email } = await signedInCandidate(page, 'revue');
  await completeDossier(page);
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill('fsi l1');
  await page.getByRole('button', { name: `Candidater : ${FORMATION}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await hydrated(page);
  const table = page.getByRole('region', { name: 'Pièces justificatives' });
  for (const piece of PIECES) {
    await page.getByLabel(`Ajouter un fichier : ${piece}`).setInputFiles({ name: 'piece.pdf', mimeType: 'application/pdf', buffer: pdf(5000) });
    await expect(table.getByRole('row').filter({ hasText: piece })).toContainText('Transmise');
  }
  await table.getByRole('row').filter({ hasText: 'CAPTURE' }).getByRole('button', { name: /^Non concerné/ }).click();
  await expect(table.getByRole('row').filter({ hasText: 'CAPTURE' })).toContainText('Non concerné');
  await transmit(page);
  const applicationUrl = page.url();

  // The gestionnaire finds it with the filters.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staffSignIn(staff);
  await staff.getByRole('navigation').getByRole('link', { name: 'Dossiers' }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Dossiers de candidature');
  await hydrated(staff);
  await staff.getByLabel('Rechercher').fill(email);
  await staff.getByRole('combobox', { name: 'Statut du dossier' }).selectOption({ label: 'Réceptionné' });
  await staff.getByRole('button', { name: 'Filtrer' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'candidature' })).toHaveText('1 candidature(s)');
  await expectNoA11yViolations(staff);
  await staff.getByRole('link', { name: /^Ouvrir : Martin Léa/i }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(/^Dossier de Léa Martin$/i);
  await hydrated(staff);
  const pieces = staff.getByRole('region', { name: 'Pièces justificatives' });
  const row = (label: string) => pieces.getByRole('row').filter({ hasText: label });

  // The viewer shows a piece in the page.
  await row('LETTRE DE MOTIVATION').getByRole('button', { name: 'Afficher : LETTRE DE MOTIVATION' }).click();
  await expect(staff.locator('figure.viewer iframe')).toHaveAttribute('title', /LETTRE DE MOTIVATION/);
  await staff.getByRole('button', { name: "Fermer l'aperçu" }).click();

  // Refuse the CV with its reason, mark the dossier Incomplet.
  await staff.getByLabel('Motif du refus de « CURRICULUM VITAE » (lu par le candidat)').fill('Illisible : scannez à 300 dpi');
  await row('CURRICULUM VITAE').getByRole('button', { name: 'Refuser : CURRICULUM VITAE' }).click();
  await expect(row('CURRICULUM VITAE')).toContainText('Refusée');
  await expectNoA11yViolations(staff);
  await staff.screenshot({ path: test.info().outputPath('dossier-statut.png'), fullPage: true });
  await staff.getByRole('button', { name: 'Marquer le dossier incomplet' }).click();
  await expect(staff.getByRole('region', { name: 'Candidature' })).toContainText('Incomplet');

  // The candidate is mailed, replaces the piece, transmits again.
  const mail = await waitForMail(email, 'Candidature - dossier incomplet');
  expect(mail.text).toContain('CURRICULUM VITAE : Illisible : scannez à 300 dpi');
  await page.goto(applicationUrl);
  await hydrated(page);
  const cv = table.getByRole('row').filter({ hasText: 'CURRICULUM VITAE' });
  await expect(cv).toContainText('Refusée');
  await expect(cv).toContainText('Illisible : scannez à 300 dpi');
  await page.getByLabel('Remplacer le fichier : CURRICULUM VITAE').setInputFiles({ name: 'cv-lisible.pdf', mimeType: 'application/pdf', buffer: pdf(7000) });
  await expect(cv).toContainText('cv-lisible.pdf');
  await transmit(page);

  // Every piece validated, the dossier Complet.
  await staff.reload();
  await hydrated(staff);
  await expect(staff.getByRole('region', { name: 'Candidature' })).toContainText('Réceptionné');
  for (const piece of PIECES) {
    if ((await row(piece).textContent())?.includes('Validée')) continue;
    await row(piece).getByRole('button', { name: `Valider : ${piece}` }).click();
    await expect(row(piece)).toContainText('Validée');
  }
  await staff.getByRole('button', { name: 'Marquer le dossier complet' }).click();
  await expect(staff.getByRole('region', { name: 'Candidature' })).toContainText('Complet');
  await expect(staff.getByRole('region', { name: 'Historique' })).toContainText('Candidature transmise');
  await waitForMail(email, 'Candidature - dossier complet');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Informations détaillées' })).toContainText('Complet');

  // A decision: prepared (the candidate does not see it yet), then published.
  const decision = staff.getByRole('region', { name: 'Décision', exact: true });
  await decision.getByRole('radio', { name: 'Liste complémentaire' }).check();
  await decision.getByLabel('Rang sur la liste complémentaire').fill('0');
  await decision.getByRole('button', { name: 'Préparer la décision' }).click();
  await expect(decision.getByText('Le rang est un nombre entier à partir de 1.')).toBeVisible();
  await decision.getByRole('radio', { name: 'Favorable (liste principale)' }).check();
  await decision.getByRole('button', { name: 'Préparer la décision' }).click();
  await expect(decision.getByRole('note')).toContainText('pas encore visible du candidat');
  await expectNoA11yViolations(staff);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Informations détaillées' })).not.toContainText('Favorable');
  await decision.getByRole('button', { name: 'Valider la décision' }).click();
  await expect(staff.getByRole('region', { name: 'Candidature' })).toContainText('Favorable (liste principale)');
  await expect(decision).toContainText(/validée le .* par Gestionnaire démo/);
  const decided = await waitForMail(email, 'Candidature - décision');
  expect(decided.text).toContain('Favorable (liste principale)');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Informations détaillées' })).toContainText('Favorable (liste principale)');
  await staffContext.close();
});
