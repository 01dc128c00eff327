// Applying (guide 05): the offer of formations, the confirmation, the
// summary, the "Candidatures" table, a refused second application, and
// cancelling with its mail.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { completeDossier, hydrated, signedInCandidate } from './support/candidate';
import { waitForMail } from './support/mail';
import { browserJpeg, CESURE_PIECES, pdf, realPdf } from './support/files';

const FORMATION = "GESTION CESURE MEDECINE DE LA 2E A LA 6E ANNEE A L'ETRANGER (ANNEE)";

test('a candidate applies from the offer, is refused twice the same, then cancels', async ({ page }) => {
  const { email } = await signedInCandidate(page, 'candidature');
  await completeDossier(page);

  await page.getByRole('navigation').getByRole('link', { name: 'Candidatures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Candidatures');
  await expect(page.getByText("Vous n'avez pas encore de candidature")).toBeVisible();
  await page.getByRole('link', { name: '+ Nouvelle candidature' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offre de formation');
  await hydrated(page);

  // Centres unfold with the keyboard; the search unfolds what matches.
  const centre = page.getByRole('button', { name: /DEPARTEMENT MMP - MEDECINE/ });
  await expect(centre).toHaveAttribute('aria-expanded', 'false');
  await centre.focus();
  await page.keyboard.press('Enter');
  await expect(centre).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('rowheader', { name: FORMATION })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('rowheader', { name: FORMATION })).toBeHidden();
  await page.getByLabel('Rechercher une formation').fill('etranger');
  // 2 of all the formations offered (other tests add formations of their own).
  await expect(page.getByRole('status').filter({ hasText: 'correspondent' })).toContainText(/^2 \/ \d+ formation/);
  await expect(page.getByRole('button', { name: /FACULTE SCIENCES ET INGENIERIE/ })).toBeHidden();
  await expect(page.getByRole('rowheader', { name: FORMATION })).toBeVisible();
  // The IUT window is closed: no button.
  await page.getByLabel('Rechercher une formation').fill('IUT');
  await expect(page.getByRole('row').filter({ hasText: 'BUT 2' })).toContainText('Candidatures closes');
  await page.getByLabel('Rechercher une formation').fill('');
  await expectNoA11yViolations(page);

  await page.getByLabel('Rechercher une formation').fill('etranger');
  const applyButton = page.getByRole('button', { name: `Candidater : ${FORMATION}` });
  await applyButton.click();
  const dialog = page.getByRole('dialog', { name: 'Confirmation' });
  await expect(dialog).toContainText(`Voulez-vous candidater à la formation '${FORMATION}' ?`);
  await expect(dialog.getByRole('button', { name: 'Non' })).toBeFocused();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await applyButton.click();
  await dialog.getByRole('button', { name: 'Oui, candidater' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await expect(page.getByRole('status').filter({ hasText: 'Votre candidature a été enregistrée' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Informations détaillées' });
  await expect(details).toContainText(FORMATION);
  await expect(details).toContainText('En attente');
  await expect(details).toContainText('Non défini');
  await expect(page.getByRole('region', { name: 'Adresse de contact' })).toContainText('118 route de Narbonne 31062 TOULOUSE');
  await expect(page.getByText(/^Procédure dématérialisée, veuillez déposer vos pièces/)).toBeVisible();
  await expectNoA11yViolations(page);
  const mail = await waitForMail(email, 'Confirmation de votre candidature');
  expect(mail.text).toContain(FORMATION);

  // The same formation again: refused, with the reason.
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill('etranger');
  await expect(page.getByRole('row').filter({ hasText: FORMATION })).toContainText('Candidature déjà déposée');

  // The table; Enter on "Ouvrir" opens the summary.
  await page.goto('/candidatures');
  await hydrated(page);
  const row = page.getByRole('row').filter({ hasText: FORMATION });
  await expect(row).toContainText('En attente');
  await expect(row).toContainText('jour(s) restant(s)');
  await expectNoA11yViolations(page);
  await row.getByRole('link', { name: /^Ouvrir/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await hydrated(page);

  // Cancelling asks first, is final, and mails.
  await page.getByRole('button', { name: 'Annuler ma candidature' }).click();
  const confirm = page.getByRole('dialog', { name: 'Annuler la candidature' });
  await expect(confirm).toContainText('Attention : une annulation est définitive et fait l\'objet d\'un mail.');
  await confirm.getByRole('button', { name: 'Oui, annuler définitivement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre candidature a été annulée' })).toBeVisible();
  await expect(page.getByText("Vous n'avez pas encore de candidature")).toBeVisible();
  await waitForMail(email, 'Annulation de votre candidature');
});

const PIECES = CESURE_PIECES;

function jpeg(size = 3000): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(size, 0x11)]);
}

test('pieces are uploaded, checked, answered, then the application is transmitted', async ({ page }) => {
  const { email } = await signedInCandidate(page, 'pieces');
  await completeDossier(page);
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill('en france (annee)');
  await page.getByRole('button', { name: /^Candidater : .*EN FRANCE \(ANNEE\)/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await hydrated(page);
  const table = page.getByRole('region', { name: 'Pièces justificatives' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(page.getByRole('button', { name: 'Transmettre ma candidature' })).toBeDisabled();

  // Refused in the browser, with what is accepted: an executable named .pdf, an oversized file.
  const cv = page.getByLabel('Ajouter un fichier : CURRICULUM VITAE');
  await cv.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03 not a pdf') });
  const cvRow = table.getByRole('row').filter({ hasText: 'CURRICULUM VITAE' });
  await expect(cvRow.getByRole('alert')).toContainText("n'est ni un PDF ni une image JPEG");
  await cv.setInputFiles({ name: 'gros.pdf', mimeType: 'application/pdf', buffer: pdf(2 * 1024 * 1024 + 1) });
  await expect(cvRow.getByRole('alert')).toContainText('dépasse 2 Mo');
  await expect(cvRow).toContainText('En attente');

  // Six real files: PDFs and JPEG photos, one replaced.
  for (const [i, piece] of PIECES.entries()) {
    const file = i % 2 === 0 ? { name: `piece-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf(20000 + i) } : { name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer: jpeg(50000) };
    await page.getByLabel(`Ajouter un fichier : ${piece}`).setInputFiles(file);
    await expect(table.getByRole('row').filter({ hasText: piece })).toContainText('Transmise');
  }
  await page.getByLabel('Remplacer le fichier : CURRICULUM VITAE').setInputFiles({ name: 'cv-2026.pdf', mimeType: 'application/pdf', buffer: pdf(9000) });
  await expect(cvRow).toContainText('cv-2026.pdf');
  const download = page.waitForEvent('download');
  await cvRow.getByRole('link', { name: /^Télécharger : cv-2026.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('cv-2026.pdf');

  // The conditional piece: "Non concerné".
  const capture = table.getByRole('row').filter({ hasText: 'CAPTURE' });
  await capture.getByRole('button', { name: /^Non concerné/ }).click();
  await expect(capture).toContainText('Non concerné');
  await expectNoA11yViolations(page);

  const transmit = page.getByRole('button', { name: 'Transmettre ma candidature' });
  await expect(transmit).toBeEnabled();
  await transmit.click();
  const dialog = page.getByRole('dialog', { name: 'Transmettre ma candidature' });
  await expect(dialog).toContainText('une fois votre dossier transmis aucune modification ne sera possible');
  await expectNoA11yViolations(page);
  await dialog.getByRole('button', { name: 'Oui, transmettre' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Réceptionné' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Informations détaillées' })).toContainText('Réceptionné');
  await expect(page.getByRole('region', { name: 'Dates utiles' })).toContainText('Date de transmission');
  await expect(page.getByLabel(/^Ajouter un fichier/)).toHaveCount(0);
  await waitForMail(email, 'Accusé de réception de votre dossier');
});

test('a piece in several files becomes one PDF, a heavy photo is reduced, the model downloads', async ({ page }) => {
  await signedInCandidate(page, 'passerelle');
  await completeDossier(page);
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill('passerelle');
  await page.getByRole('button', { name: /^Candidater : PASSERELLE TOULOUSE TECH/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await hydrated(page);

  // The charte d'engagement, to download, sign and send back.
  const contact = page.getByRole('region', { name: 'Adresse de contact' });
  await expect(contact).toContainText('Fichiers modèles à télécharger');
  const download = page.waitForEvent('download');
  await contact.getByRole('link', { name: "Télécharger le modèle : Charte d'engagement signée" }).click();
  const model = await download;
  expect(model.suggestedFilename()).toBe('charte-engagement.pdf');
  const fs = await import('node:fs/promises');
  expect((await fs.readFile((await model.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

  // Recto and verso picked together, then one more page added.
  const table = page.getByRole('region', { name: 'Pièces justificatives' });
  const grades = table.getByRole('row').filter({ hasText: 'Relevés de notes' });
  const verso = await browserJpeg(page, 800, 600, 0);
  await page.getByLabel('Ajouter un fichier : Relevés de notes').setInputFiles([
    { name: 'releve-recto.pdf', mimeType: 'application/pdf', buffer: realPdf('Releve S1') },
    { name: 'verso.jpg', mimeType: 'image/jpeg', buffer: verso },
  ]);
  await expect(grades).toContainText('2 fichiers réunis en un PDF');
  await expect(grades).toContainText('releve-recto.pdf');
  await grades.getByLabel('Ajouter un autre fichier : Relevés de notes').setInputFiles({
    name: 'annexe.pdf', mimeType: 'application/pdf', buffer: realPdf('Annexe'),
  });
  await expect(grades).toContainText('3 fichiers réunis en un PDF');
  // "Voir" opens the PDF in a new tab, shown rather than downloaded.
  const viewLink = grades.getByRole('link', { name: /^Voir : releve-recto.pdf/ });
  await expect(viewLink).toHaveAttribute('target', '_blank');
  const shown = await page.request.get((await viewLink.getAttribute('href'))!);
  expect(shown.headers()['content-disposition']).toMatch(/^inline;/);
  expect(shown.headers()['content-type']).toBe('application/pdf');
  const merged = (await shown.body()).toString('latin1');
  expect(merged.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(3);

  // A photo over 2 MB, as a phone takes it: reduced in the browser, then accepted.
  const heavy = await browserJpeg(page, 4000, 3000, 40, 0.95);
  expect(heavy.length).toBeGreaterThan(2 * 1024 * 1024);
  const identity = table.getByRole('row').filter({ hasText: "Copie de la pièce d'identité" });
  await page.getByLabel("Ajouter un fichier : Copie de la pièce d'identité").setInputFiles({ name: 'carte.jpg', mimeType: 'image/jpeg', buffer: heavy });
  await expect(identity).toContainText('Transmise');
  await expect(identity).toContainText('carte.jpg');
  await expectNoA11yViolations(page);
});
