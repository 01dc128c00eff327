// The dossier (guide 04.1): the INE pop-up, then Informations personnelles
// filled with the keyboard only, then the checklist.
import { test, expect, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { hydrated, signedInCandidate } from './support/candidate';

/** Types into a field as a keyboard user does (after selecting what is there). */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Moves a closed native list to `value` with the arrow keys. */
async function chooseWithKeyboard(page: Page, select: Locator, value: string) {
  await select.focus();
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < 120 && (await select.inputValue()) !== value; i++) await page.keyboard.press(key);
  }
  await expect(select).toHaveValue(value);
}

/** Types into a type-ahead, then picks the suggestion named `choice` with
 *  the arrow keys and Enter, as a keyboard user does. */
async function pickWithKeyboard(page: Page, label: RegExp, typed: string, choice: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.focus();
  await box.press('Control+A');
  await page.keyboard.type(typed);
  const list = page.getByRole('listbox', { name: label });
  await expect(list).toBeVisible();
  const option = list.getByRole('option').filter({ hasText: choice }).first();
  await expect(option).toBeVisible();
  const options = await list.getByRole('option').allTextContents();
  const index = options.findIndex((text) => text.includes(choice));
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue(new RegExp(`^${choice}`));
}

test('a new candidate meets the INE pop-up, then completes Informations personnelles', async ({ page }) => {
  await signedInCandidate(page, 'dossier');
  const checklist = page.getByRole('list', { name: 'Rubriques du dossier' });
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Informations personnelles' })).toContainText('À compléter');
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Saisir/Modifier : Informations personnelles' }).click();
  await hydrated(page);
  const popup = page.getByRole('dialog', { name: 'Votre INE' });
  await expect(popup).toBeVisible();
  const ine = popup.getByLabel('INE');
  await expect(ine).toBeFocused();
  await expectNoA11yViolations(page);

  // Checked as the candidate types, with the reason.
  await page.keyboard.type('1234567890A');
  await expect(popup.locator('.ine-status')).toContainText('La clé de cet INE');
  await ine.fill('12345');
  await expect(popup.locator('.ine-status')).toContainText('vous en avez saisi 5');
  await ine.fill('123456789AB');
  await expect(popup.locator('.ine-status')).toContainText('INES');
  // The server refuses it too.
  await page.keyboard.press('Enter');
  await expect(popup.getByRole('alert')).toBeVisible();
  // Focus stays in the dialog.
  await ine.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(popup.locator(':focus')).toHaveCount(1);

  await ine.fill('1234567890V');
  await expect(popup.locator('.ine-status')).toContainText('INE-BEA valide');
  await ine.press('Enter');
  await expect(popup).toHaveCount(0);

  // The whole form with the keyboard only.
  await page.getByLabel('Civilité').focus();
  await page.keyboard.press('ArrowDown'); // Mme
  await page.getByLabel(/^Date naissance/).focus();
  await page.keyboard.type('03/07/2004');
  await page.getByLabel(/^Département de naissance/).focus();
  await page.keyboard.type('31');
  await page.getByLabel(/^Ville de naissance/).focus();
  await page.keyboard.type('Toulouse');
  await pickWithKeyboard(page, /^Nationalité/, 'franc', 'France');
  await page.getByLabel(/^Téléphone portable/).focus();
  await page.keyboard.type('06 12 34 56 78');
  await expect(page.getByLabel('INE', { exact: true })).toHaveValue('1234567890V');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Enregistrer' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Vos informations personnelles ont été enregistrées' })).toBeVisible();
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Informations personnelles' })).toContainText('Complète');
  await expect(page.getByText('Rubriques restant à compléter : 2')).toBeVisible();

  // Adresse: in France the commune comes from the postal code.
  await page.getByRole('link', { name: 'Saisir/Modifier : Adresse' }).click();
  await hydrated(page);
  await page.getByLabel(/^Adresse \(numéro et voie\)/).fill('12 rue des Lilas');
  const commune = page.getByLabel(/^Commune/);
  await page.getByLabel(/^Code postal/).focus();
  await page.keyboard.type('31250');
  await expect(commune.locator('option')).toHaveCount(3); // "Choisir…" and the two communes of 31250
  await commune.focus();
  await page.keyboard.press('ArrowDown');
  await expect(commune).not.toHaveValue('');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre adresse a été enregistrée' })).toBeVisible();
  await expect(page.getByText('Rubriques restant à compléter : 1')).toBeVisible();

  // Baccalauréat: the series follow the year, in the browser.
  await page.getByRole('link', { name: 'Saisir/Modifier : Baccalauréat' }).click();
  await hydrated(page);
  // Keyboard only, as in the other sections.
  await page.getByLabel("J'ai le Bac ou une équivalence").focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel("J'ai le Bac ou une équivalence")).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Année d'obtention/)).toBeFocused();
  await page.keyboard.type('2015');
  const serie = page.getByLabel(/^Série du bac/);
  await expect(serie.locator('option', { hasText: 'S - Scientifique' })).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2022');
  await expect(serie.locator('option', { hasText: 'S - Scientifique' })).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(serie).toBeFocused();
  // Arrows move through a closed list (a space would open it).
  for (let i = 0; i < 20 && (await serie.inputValue()) !== 'BG'; i++) await page.keyboard.press('ArrowDown');
  await expect(serie).toHaveValue('BG');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Mention/)).toBeFocused();
  await page.keyboard.press('ArrowDown'); // Passable
  await page.keyboard.press('ArrowDown'); // Assez bien
  await expect(page.getByLabel(/^Mention/)).toHaveValue('AB');
  await expect(page.getByRole('combobox', { name: /^Pays d'obtention/ })).toHaveValue('France');
  await page.getByLabel(/^Département/).focus();
  await page.keyboard.type('31');
  await pickWithKeyboard(page, /^Commune/, 'toulou', 'Toulouse');
  // With the list open, axe checks the combobox and its options too.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox', { name: /^Commune/ })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox', { name: /^Commune/ })).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: /^Etablissement/ })).toBeFocused();
  // The establishments of the chosen commune are suggested.
  await pickWithKeyboard(page, /^Etablissement/, 'fermat', 'Lycée Pierre de Fermat');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Votre baccalauréat a été enregistré' })).toBeVisible();
  await expect(page.getByText('Votre dossier est complet.')).toBeVisible();
});

test('stages are added, changed and deleted', async ({ page }) => {
  await signedInCandidate(page, 'stages');
  await page.getByRole('link', { name: 'Saisir/Modifier : Stages' }).click();
  await hydrated(page);
  await expect(page.getByText('Rien de saisi pour le moment.')).toBeVisible();
  await typeInto(page, page.getByLabel(/^Année/), '2024');
  await typeInto(page, page.getByLabel(/^Durée/), '2 mois');
  await typeInto(page, page.getByLabel(/^Nombre d'heures/), '35');
  await typeInto(page, page.getByLabel(/^Employeur/), 'CHU de Toulouse');
  await page.keyboard.press('Enter');
  await expect(page.locator('#descriptif-erreur')).toContainText('Ce champ est obligatoire');
  await typeInto(page, page.getByLabel(/^Descriptif/), 'Stage infirmier');
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ hasText: 'CHU de Toulouse' });
  await expect(row).toContainText('2 mois');
  await expectNoA11yViolations(page);

  await row.getByRole('link', { name: /^Modifier/ }).click();
  await expect(page.getByRole('heading', { name: 'Modification' })).toBeVisible();
  await hydrated(page);
  await typeInto(page, page.getByLabel(/^Durée/), '3 mois');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'CHU de Toulouse' })).toContainText('3 mois');

  await page.getByRole('row').filter({ hasText: 'CHU de Toulouse' }).getByRole('button', { name: /^Supprimer/ }).click();
  await expect(page.getByText('Rien de saisi pour le moment.')).toBeVisible();
});

test('a year of Cursus externe is entered as in the guide example', async ({ page }) => {
  await signedInCandidate(page, 'cursus');
  await page.getByRole('link', { name: 'Saisir/Modifier : Cursus externe' }).click();
  await hydrated(page);
  await chooseWithKeyboard(page, page.getByLabel(/^Département/), '31');
  // Accents, case and "St" aside: "st orens" finds Saint-Orens-de-Gameville.
  await pickWithKeyboard(page, /^Commune/, 'st orens', 'Saint-Orens-de-Gameville');
  // Another département clears the commune.
  await chooseWithKeyboard(page, page.getByLabel(/^Département/), '32');
  await expect(page.getByRole('combobox', { name: /^Commune/ })).toHaveValue('');
  await chooseWithKeyboard(page, page.getByLabel(/^Département/), '31');
  await pickWithKeyboard(page, /^Commune/, 'toulouse', 'Toulouse');
  await typeInto(page, page.getByRole('combobox', { name: /^Etablissement/ }), 'UNIVERSITE DE TOULOUSE');
  await typeInto(page, page.getByLabel(/^Année d'obtention/), '2024');
  await chooseWithKeyboard(page, page.getByLabel(/^Formation/), 'DU');
  await typeInto(page, page.getByLabel(/^Libellé et niveau/), 'L1 Sciences de la Vie');
  await chooseWithKeyboard(page, page.getByLabel(/^Obtenu/), 'O');
  await chooseWithKeyboard(page, page.getByLabel(/^Mention/), 'AB');
  await expectNoA11yViolations(page);
  // Enter in a text field sends the form.
  await page.getByLabel(/^Libellé et niveau/).focus();
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ hasText: 'L1 Sciences de la Vie' });
  await expect(row).toContainText('Haute-Garonne');
  await expect(row).toContainText('Toulouse');
  await expect(row).toContainText('Obtenu');
  await expect(row).toContainText('Assez bien');
  await expectNoA11yViolations(page);
});
