// Pièces justificatives before the WASM arrives, or if it never does
// (issue 14): with JavaScript disabled, each piece's row is a plain form
// (multipart/form-data) that the server answers with a redirect back to
// the page, the outcome shown in the row.
import { test, expect, Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { completeDossier, hydrated, PASSWORD, signedInCandidate } from './support/candidate';
import { realPdf } from './support/files';

/** Screenshots of the page without JavaScript, at 1280 and 360 px: the
 *  whole page, and the row concerned. */
async function shoot(page: Page, name: string, row: Locator) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
    await row.screenshot({ path: test.info().outputPath(`${name}-${width}-ligne.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** axe-core needs scripts, so the page at the same address is checked the
 *  way it is before the WASM arrives (or if it never does): the same
 *  session, scripts on, the WASM refused. Nothing overflows at 360 px. */
async function checkBeforeWasm(browser: Browser, context: BrowserContext, url: string) {
  const twin = await browser.newContext({ locale: 'fr-FR' });
  await twin.addCookies(await context.cookies());
  await twin.route('**/*.wasm', (route) => route.abort());
  const page = await twin.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  await expectNoA11yViolations(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `nothing overflows sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await twin.close();
}

test('without JavaScript, a piece is sent from its row and an executable is refused with its message', async ({ browser }) => {
  test.setTimeout(120_000);
  // The application, made with JavaScript (the offer's dialog needs it).
  const setup = await browser.newContext();
  const first = await setup.newPage();
  const { login } = await signedInCandidate(first, 'sansjs-pieces');
  await completeDossier(first);
  await first.goto('/candidatures/offre');
  await hydrated(first);
  await first.getByLabel('Rechercher une formation').fill('en france (annee)');
  await first.getByRole('button', { name: /^Candidater : .*EN FRANCE \(ANNEE\)/ }).click();
  await first.getByRole('dialog').getByRole('button', { name: 'Oui, candidater' }).click();
  await expect(first.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  const id = Number(/\/candidatures\/(\d+)/.exec(first.url())![1]);
  await setup.close();

  // Then no script at all: sign in, open the pieces.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByLabel('Login ou adresse mail').fill(login);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
  await page.goto(`/candidatures/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récapitulatif de votre candidature');
  const table = page.getByRole('region', { name: 'Pièces justificatives' });
  const cvRow = table.getByRole('row').filter({ hasText: 'CURRICULUM VITAE' });
  await expect(cvRow).toContainText('En attente');
  await checkBeforeWasm(browser, context, page.url());
  await shoot(page, 'pieces-sans-js-avant', cvRow);

  // A PDF: sent, listed, said so in its row.
  await page.getByLabel('Ajouter un fichier : CURRICULUM VITAE').setInputFiles({
    name: 'cv-sans-js.pdf', mimeType: 'application/pdf', buffer: realPdf('CV sans JavaScript'),
  });
  await cvRow.getByRole('button', { name: 'Envoyer : CURRICULUM VITAE' }).click();
  await expect(page).toHaveURL(new RegExp(`/candidatures/${id}\\?recue=\\d+#piece-\\d+$`));
  await expect(cvRow.getByRole('status')).toHaveText('Fichier déposé.');
  await expect(cvRow.getByRole('link', { name: /^Télécharger : cv-sans-js.pdf/ })).toBeVisible();
  await expect(cvRow).toContainText('Transmise');
  await expect(page.getByLabel('Remplacer le fichier : CURRICULUM VITAE')).toBeAttached();
  await checkBeforeWasm(browser, context, page.url());
  await shoot(page, 'pieces-sans-js-envoye', cvRow);

  // An executable named .pdf: refused by the server, with its message, and nothing kept.
  const letterRow = table.getByRole('row').filter({ hasText: 'LETTRE DE MOTIVATION' });
  await page.getByLabel('Ajouter un fichier : LETTRE DE MOTIVATION').setInputFiles({
    name: 'lettre.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 not a pdf'),
  });
  await letterRow.getByRole('button', { name: 'Envoyer : LETTRE DE MOTIVATION' }).click();
  await expect(letterRow.getByRole('alert')).toContainText("Ce fichier n'est ni un PDF ni une image JPEG");
  await expect(letterRow).toContainText('En attente');
  await expect(letterRow.getByRole('link', { name: /^Télécharger/ })).toHaveCount(0);
  // The piece sent before is still there.
  await expect(cvRow.getByRole('link', { name: /^Télécharger : cv-sans-js.pdf/ })).toBeVisible();
  await checkBeforeWasm(browser, context, page.url());
  await shoot(page, 'pieces-sans-js-refus', letterRow);

  // A PDF then, and "Supprimer" (a server function's plain form, back to
  // the same address): the piece is gone, and no longer said received.
  await page.getByLabel('Ajouter un fichier : LETTRE DE MOTIVATION').setInputFiles({
    name: 'lettre.pdf', mimeType: 'application/pdf', buffer: realPdf('Lettre'),
  });
  await letterRow.getByRole('button', { name: 'Envoyer : LETTRE DE MOTIVATION' }).click();
  await expect(letterRow.getByRole('status')).toHaveText('Fichier déposé.');
  await expect(letterRow.getByRole('alert')).toHaveCount(0);
  await letterRow.getByRole('button', { name: 'Supprimer : LETTRE DE MOTIVATION' }).click();
  await expect(letterRow.getByRole('link', { name: /^Télécharger/ })).toHaveCount(0);
  await expect(letterRow.getByRole('status')).toHaveCount(0);
  await expect(letterRow).toContainText('En attente');
  await context.close();
});
