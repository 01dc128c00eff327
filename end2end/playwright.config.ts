// Playwright configuration for Sésame's end-to-end tests.
//
// The browser is the system Chromium (Debian package), never one downloaded by
// Playwright: install the npm packages with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1.
// The app server, PostgreSQL and MailDev are started by the test script
// (see scripts/pg.sh and scripts/maildev.sh), so there is no webServer entry.
import { defineConfig } from '@playwright/test';

const MOBILE_FILE = /\.mobile\.spec\.ts$/;
// Playwright has no "file OR tag" filter, but the title a project's grep is
// matched against starts with the spec file's path, so one regex covers both
// "*.mobile.spec.ts files" and "tests tagged @mobile".
const MOBILE_GREP = /@mobile|\.mobile\.spec\.ts/;
// tests/instances/ needs two servers behind HAProxy (scripts/test.sh's last
// step exports SESAME_INSTANCES); the other runs leave it out.
const INSTANCES = /[\\/]instances[\\/]/;

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: process.env.SESAME_BASE_URL || 'http://127.0.0.1:3000',
    // A French-speaking browser (Accept-Language fr-FR): Sésame follows the
    // browser's language on a first visit, and Chromium's own is en-US.
    // The English journey (english.spec.ts) sets its own.
    locale: 'fr-FR',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: process.env.SESAME_INSTANCES ? MOBILE_FILE : [MOBILE_FILE, INSTANCES],
      grepInvert: /@mobile/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'mobile',
      grep: MOBILE_GREP,
      testIgnore: INSTANCES,
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
});
