// Issue 12 as a candidate sees it: a common piece that staff validated
// for one application cannot be changed through a second application of
// the same centre (the page says why); the links of the mails show a
// button and change nothing until it is pressed, with or without WASM.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { applicant, hydrated } from './support/candidate';
import { createFormation, markComplete, staffSignIn, ADMIN, GESTIONNAIRE } from './support/staff';

const CENTRE = 'PASSERELLE TOULOUSE TECH';

test('a piece validated for one application stays as staff saw it in another', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString().slice(-6);
  const [first, second] = [`FORMATION GEL ${stamp} A`, `FORMATION GEL ${stamp} B`];
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, ADMIN);
  await createFormation(admin, CENTRE, first);
  await createFormation(admin, CENTRE, second);

  const { page, id } = await applicant(browser, 'gel', first, `gel ${stamp}`);
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, GESTIONNAIRE);
  await markComplete(staff, id);

  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel('Rechercher une formation').fill(`gel ${stamp}`);
  await page.getByRole('button', { name: `Candidater : ${second}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await hydrated(page);
  const pieces = page.locator('table.pieces');
  const identity = pieces.getByRole('row').filter({ hasText: "Copie de la pièce d'identité" });
  await expect(identity).toContainText('Validée');
  await expect(identity).toContainText('Pièce commune déjà transmise avec une autre de vos candidatures à ce centre');
  await expect(page.getByLabel(/^Remplacer le fichier : /)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Supprimer : / })).toHaveCount(0);
  // The pieces were validated: the second application may be transmitted as it is.
  await expect(page.getByRole('button', { name: 'Transmettre ma candidature' })).toBeEnabled();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('piece-gelee-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('piece-gelee-360.png'), fullPage: true });
});

for (const javaScriptEnabled of [true, false]) {
  test(`the links of the mails ask for a click (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const pages = [
      ['/compte/debloquer/lien-inconnu', 'Lever la suspension', 'il a déjà servi'],
      ['/compte/adresse/lien-inconnu', 'Confirmer ma nouvelle adresse', "n'est plus valable"],
      ['/compte/valider/lien-inconnu', 'Valider mon compte', "n'est plus valable"],
    ];
    for (const [path, button, refusal] of pages) {
      await page.goto(path);
      if (javaScriptEnabled) await hydrated(page);
      await expect(page.getByRole('button', { name: button })).toBeVisible();
      if (javaScriptEnabled) await expectNoA11yViolations(page);
      const name = path.split('/')[2];
      await page.screenshot({ path: test.info().outputPath(`${name}-bouton.png`) });
      await page.getByRole('button', { name: button }).click();
      await expect(page.getByRole('alert').first()).toContainText(refusal);
      if (javaScriptEnabled) await expectNoA11yViolations(page);
      await page.screenshot({ path: test.info().outputPath(`${name}-refus.png`) });
    }
    await context.close();
  });
}
