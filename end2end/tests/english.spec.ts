// English for international candidates (issue 17): the whole candidate
// journey in English, from a browser that asks for English (account, the
// dossier with the INE pop-up, application, pieces, transmission, the
// decision, confirmation, the admission letter), each mail in English, no
// French sentence left on any English page, axe-core clean in English, and
// the "Français / English" switch working without JavaScript.
import { test, expect, Browser, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { expectNoA11yViolations } from './support/axe';
import { hydrated, PASSWORD } from './support/candidate';
import { realPdf } from './support/files';
import { extractLink, waitForMail } from './support/mail';
import { pdfText } from './support/pdf';
import { createFormation, decide, staffSignIn, ADMIN, GESTIONNAIRE } from './support/staff';

const CENTRE = 'PASSERELLE TOULOUSE TECH';

/** The English words, read from the locale file the pages are built from. */
const EN = JSON.parse(fs.readFileSync(path.join(__dirname, '../../app/locales/en.json'), 'utf8'));

/** Words of French sentences: none may be left on an English page. The
 *  university's own names (centres, formations, the pieces staff named,
 *  communes, bac séries) stay French and contain none of these; other
 *  tests of the same run name formations "FORMATION …", so that word is
 *  not in the list. */
const FRENCH = [
  'vous', 'votre', 'vos', 'candidature', 'candidatures', 'candidater', 'enregistrer', 'déconnexion',
  'connexion', 'pièces', 'transmettre', 'transmise', 'rechercher', 'valider', 'bienvenue', 'mot de passe',
  'obligatoire', 'accueil', 'adresse mail', 'télécharger', 'réceptionné', 'désistement', 'avec', 'pour',
  'sont', 'aucun', 'aucune', 'informations', "jusqu'au", 'avant le', 'mon compte', 'dossier complet',
  'en attente', 'liste complémentaire', 'envoyer', 'retour', 'fichier',
];

/** Fails on any French word in what the page shows or says to a screen
 *  reader (text, labels, titles, placeholders), select options aside (the
 *  reference lists' French names). */
async function expectNoFrench(page: Page) {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('option, script, style, template').forEach((e) => e.remove());
    const attributes = Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      .map((e) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '').join(' '));
    return [document.title, clone.innerText, ...attributes].join('\n');
  });
  const found = FRENCH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'iu').test(text));
  expect(found, `French words on ${page.url()}:\n${text}`).toEqual([]);
}

let shot = 0;

/** An English page checked: no French, axe-core clean, `<html lang="en">`;
 *  its screenshot kept with the test's results, to be looked at. */
async function checkEnglish(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoFrench(page);
  await expectNoA11yViolations(page);
  shot += 1;
  await page.screenshot({ path: test.info().outputPath(`english-${String(shot).padStart(2, '0')}.png`), fullPage: true });
}

async function englishBrowser(browser: Browser) {
  const context = await browser.newContext({ locale: 'en-GB' });
  return context.newPage();
}

test('an international candidate goes through the whole journey in English', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString().slice(-6);
  const title = `INTERNATIONAL TRACK ${stamp}`;
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, ADMIN);
  await createFormation(admin, CENTRE, title, { capacity: 5 });

  // A first visit from an English browser: English pages.
  const page = await englishBrowser(browser);
  await page.goto('/');
  await hydrated(page);
  await checkEnglish(page);
  await page.goto('/compte/creer');
  await hydrated(page);
  await checkEnglish(page);
  const email = `international.${Date.now()}@example.org`;
  await page.getByLabel(/^Surname/).fill('Smith');
  await page.getByLabel('First name').fill('Jane');
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel('Confirm email address').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: EN.save }).click();
  await expect(page.getByText(EN.create.done)).toBeVisible();
  await checkEnglish(page);

  // The activation mail is English; so is the page its link opens.
  const activation = await waitForMail(email, 'Activate your account');
  expect(activation.text).toContain('Dear Jane SMITH');
  const login = /Login: ([A-Z0-9]{8})/.exec(activation.text)![1];
  await page.goto(extractLink(activation.text, '/compte/valider/'));
  await checkEnglish(page);
  await page.getByRole('button', { name: EN.validate.button }).click();
  await expect(page.getByText(EN.validate.done)).toBeVisible();
  await page.goto('/connexion');
  await hydrated(page);
  await checkEnglish(page);
  await page.getByLabel(EN.signin.identifier).fill(login);
  await page.getByLabel(EN.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: EN.signin.submit }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(EN.home.welcome);
  await checkEnglish(page);

  // The dossier: the INE pop-up, Personal details, Address, bac.
  await page.goto('/dossier/informations-personnelles');
  await hydrated(page);
  const popup = page.getByRole('dialog', { name: EN.dossier.popup_title });
  await expect(popup).toBeVisible();
  await checkEnglish(page);
  await popup.getByRole('button', { name: EN.dossier.popup_no_ine }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByLabel(EN.dossier.civilite).selectOption('Mme');
  await page.getByLabel(/^Date of birth/).fill('03/07/2004');
  await page.getByLabel(/^Département of birth/).selectOption('31');
  await page.getByLabel(/^Town\/city of birth/).fill('Toulouse');
  await page.getByRole('button', { name: EN.save }).click();
  await expect(page.getByRole('status').filter({ hasText: EN.dossier.saved_identity })).toBeVisible();
  await checkEnglish(page);
  await page.goto('/dossier/adresse');
  await hydrated(page);
  await page.getByLabel(/^Address \(number and street\)/).fill('12 rue des Lilas');
  await page.getByLabel(/^Postcode/).fill('31000');
  await expect(page.getByLabel(/^Municipality/).locator('option')).toHaveCount(2);
  await page.getByLabel(/^Municipality/).selectOption('31555');
  await page.getByRole('button', { name: EN.save }).click();
  await expect(page.getByRole('status').filter({ hasText: EN.dossier.saved_address })).toBeVisible();
  await checkEnglish(page);
  await page.goto('/dossier/baccalaureat');
  await hydrated(page);
  await page.getByLabel(EN.dossier.bac_no).check();
  await page.getByRole('button', { name: EN.save }).click();
  await expect(page.getByText(EN.dossier.all_done)).toBeVisible();
  await checkEnglish(page);

  // The application, its pieces and the transmission.
  await page.goto('/candidatures/offre');
  await hydrated(page);
  await page.getByLabel(EN.apply.search).fill(`international track ${stamp}`);
  await checkEnglish(page);
  await page.getByRole('button', { name: `${EN.apply.apply}: ${title}` }).click();
  await checkEnglish(page);
  await page.getByRole('dialog').getByRole('button', { name: EN.apply.yes }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.applications.recap_title);
  const id = Number(/\/candidatures\/(\d+)/.exec(page.url())![1]);
  await hydrated(page);
  await checkEnglish(page);
  const created = await waitForMail(email, 'Your application has been registered');
  expect(created.text).toContain(title);
  const adders = page.getByLabel(new RegExp(`^${EN.pieces.add}: `));
  await expect(adders.first()).toBeAttached();
  for (let n = await adders.count(); n > 0; n--) {
    await adders.first().setInputFiles({ name: 'piece.pdf', mimeType: 'application/pdf', buffer: realPdf('piece in English') });
    await expect(adders).toHaveCount(n - 1);
  }
  await checkEnglish(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await checkEnglish(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: EN.pieces.transmit }).click();
  const transmitDialog = page.getByRole('dialog', { name: EN.pieces.transmit });
  await expect(transmitDialog).toBeVisible();
  await checkEnglish(page);
  await transmitDialog.getByRole('button', { name: EN.pieces.transmit_yes }).click();
  await expect(page.getByRole('region', { name: EN.applications.details })).toContainText(EN.applications.status_receptionne);
  await checkEnglish(page);
  const received = await waitForMail(email, 'We have received your application');
  expect(received.text).toContain(title);

  // Staff (French pages) decide; the candidate's mail is English.
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, GESTIONNAIRE);
  await staff.goto(`/gestion/candidatures/${id}`);
  await hydrated(staff);
  await expect(staff.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(staff.getByRole('region', { name: 'Candidat', exact: true })).toContainText('English');
  await decide(staff, id, { decision: 'favorable' });
  const decision = await waitForMail(email, 'Application - decision');
  expect(decision.text).toContain('Offer of admission (main list)');

  // The candidate confirms, and downloads the admission letter in English.
  await page.reload();
  await hydrated(page);
  const action = page.getByRole('region', { name: EN.applications.col_action });
  await checkEnglish(page);
  await action.getByRole('button', { name: EN.answer.confirm }).click();
  await expect(page.getByRole('status').filter({ hasText: EN.answer.confirm_done })).toBeVisible();
  await checkEnglish(page);
  await waitForMail(email, 'Application - confirmation');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: EN.answer.letter }).click();
  const letter = await pdfText(fs.readFileSync(await (await download).path()));
  expect(letter.text).toContain(title);
  expect(letter.text).toContain('Admission letter');
  expect(letter.text).not.toContain("Lettre d'admission");

  // Mon compte, in English too.
  await page.goto('/compte');
  await hydrated(page);
  await checkEnglish(page);
});

test('the language switch works without JavaScript, and is remembered', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/compte/creer?depuis=test');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const switcher = page.getByRole('form', { name: 'Langue / Language' });
  await expect(switcher.locator('[aria-current="true"]')).toHaveText('Français');
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/compte\/creer\?depuis=test$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: EN.save })).toBeVisible();
  // Remembered: another page, still English.
  await page.goto('/connexion');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The header with its switch fits a phone: nothing overflows sideways.
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `nothing overflows sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`switch-${width}.png`) });
  }
  await page.getByRole('form', { name: 'Langue / Language' }).getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await context.close();
});
