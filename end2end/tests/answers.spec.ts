// After the decision (issue 6): three candidates apply to a formation of
// one place with a waiting list; the first, admitted, confirms, downloads
// the admission letter and the whole dossier, then withdraws; the first of
// the waiting list is called and mailed; the second sees their rank.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { expectNoA11yViolations } from './support/axe';
import { applicant, hydrated } from './support/candidate';
import { waitForMail } from './support/mail';
import { pdfText } from './support/pdf';
import { createFormation, decide, staffSignIn, ADMIN, GESTIONNAIRE } from './support/staff';

const CENTRE = 'PASSERELLE TOULOUSE TECH';




test('a favourable decision is confirmed then withdrawn, and the waiting list is called', async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString().slice(-6);
  const title = `FORMATION REPONSE ${stamp}`;
  // An admin opens a formation of one place with a waiting list.
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, ADMIN);
  await createFormation(admin, CENTRE, title, { capacity: 1, waitingList: true });

  const first = await applicant(browser, 'reponse-a', title, `reponse ${stamp}`);
  const second = await applicant(browser, 'reponse-b', title, `reponse ${stamp}`);
  const third = await applicant(browser, 'reponse-c', title, `reponse ${stamp}`);
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, GESTIONNAIRE);
  await decide(staff, first.id, { decision: 'favorable' });
  await decide(staff, second.id, { decision: 'liste_complementaire', rang: '1' });
  await decide(staff, third.id, { decision: 'liste_complementaire', rang: '2' });

  // The dashboard shows the waiting list in rank order, and exports it.
  await staff.goto('/gestion');
  await hydrated(staff);
  const waiting = staff.getByRole('region', { name: title });
  const rows = waiting.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(second.login);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(rows.nth(2)).toContainText(third.login);
  await expect(rows.nth(2).getByRole('cell').first()).toHaveText('2');
  await expectNoA11yViolations(staff);
  const exported = staff.waitForEvent('download');
  await waiting.getByRole('link', { name: 'Exporter (CSV)' }).click();
  const csv = fs.readFileSync(await (await exported).path()).toString('utf8');
  const [b, c] = [csv.indexOf(second.email), csv.indexOf(third.email)];
  expect(b, csv).toBeGreaterThan(0);
  expect(c, csv).toBeGreaterThan(b);
  expect(csv).not.toContain(first.email);

  // The admitted candidate confirms.
  const page = first.page;
  const decisionMail = await waitForMail(first.email, 'Candidature - décision');
  expect(decisionMail.text).toContain('avant le');
  await page.reload();
  await hydrated(page);
  const action = page.getByRole('region', { name: 'Action' });
  await expect(action).toContainText('vous avez jusqu\'au');
  await expectNoA11yViolations(page);
  await action.getByRole('button', { name: 'Confirmation candidature' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre candidature est confirmée' })).toBeVisible();
  await waitForMail(first.email, 'Candidature - confirmation');

  // The admission letter and the whole dossier download as PDFs, read back
  // with pdf.js: the letter on one page; the dossier's first page, then
  // each piece's own page (the text the candidate's PDF carried).
  for (const [link, pages, words] of [
    ["Télécharger lettre d'admission", 1, ["Lettre d'admission", title, 'Le responsable des admissions', 'MARTIN']],
    ['Télécharger mon dossier', 2, ['Dossier de candidature', title, 'piece reponse-a']],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: link }).click();
    const pdf = await pdfText(fs.readFileSync(await (await download).path()));
    expect(pdf.pages, `${link}: pages`).toBeGreaterThanOrEqual(pages);
    for (const w of words) expect(pdf.text, `${link} contains ${w}`).toContain(w);
  }

  // Withdrawing after confirming: warned, final.
  await action.getByRole('button', { name: 'Désistement candidature' }).click();
  const dialog = page.getByRole('dialog', { name: 'Désistement candidature' });
  await expect(dialog).toContainText('Attention : cette action est irréversible');
  await dialog.getByRole('button', { name: 'Oui, me désister' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre désistement est enregistré' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Action' })).toContainText('Vous vous êtes désisté·e');
  await waitForMail(first.email, 'Candidature - désistement');

  // The first of the waiting list is called and mailed; the next one sees their rank.
  const called = await waitForMail(second.email, 'Candidature - avis favorable');
  expect(called.text).toContain(title);
  await second.page.reload();
  await hydrated(second.page);
  await expect(second.page.getByRole('region', { name: 'Action' }).getByRole('button', { name: 'Confirmation candidature' })).toBeVisible();
  await third.page.reload();
  await expect(third.page.getByText('Vous êtes sur la liste complémentaire, au rang 2')).toBeVisible();
});
