// A 360 px wide phone: nothing overflows sideways, the pages stay accessible.
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';

for (const path of ['/', '/compte/creer', '/connexion', '/gestion/connexion']) {
  test(`${path} fits a 360 px screen`, async ({ page }) => {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page);
  });
}
