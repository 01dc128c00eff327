// Benchmark (not a test): how long a candidate waits, cold cache, on an
// emulated phone network, before the sign-in page and an application's
// pieces page are interactive (the WASM has hydrated them: the frame sets
// <html data-hydrated="true">), and how many bytes crossed the network
// until then. Run by scripts/bench-interactive.sh against the release
// server; loopback is measured in the same run as the reference.
//
//   node end2end/bench/interactive.mjs <base url> <data dir of the server>
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, dataDir] = process.argv.slice(2);
const PASSWORD = 'Mesure-Sesame-2026';

// Chrome DevTools' presets: throughput in bytes/s, latency in ms.
const NETWORKS = [
  { name: 'loopback (reference)', conditions: null },
  { name: '4G (9 Mbit/s, 60 ms)', conditions: { latency: 60, downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8) } },
  { name: 'fast 3G (1.6 Mbit/s, 150 ms)', conditions: { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 } },
];

/** A server function, called as the WASM calls it. */
async function call(path, fields, cookie) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${path}: ${response.status} ${text}`);
  const setCookie = response.headers.get('set-cookie');
  return { text, cookie: setCookie ? setCookie.split(';')[0] : null };
}

/** The activation link's token, from the mail the server wrote to data/outbox. */
function activationToken(email) {
  const folder = join(dataDir, 'outbox');
  for (const name of readdirSync(folder).sort().reverse()) {
    const mail = readFileSync(join(folder, name), 'utf8').replace(/=\r?\n/g, '');
    if (mail.includes(email)) {
      const match = mail.match(/\/compte\/valider\/([A-Za-z0-9_-]+)/);
      if (match) return match[1];
    }
  }
  throw new Error(`no activation mail for ${email} in ${folder}`);
}

/** A candidate with a complete dossier and one application: [cookie, pieces page]. */
async function candidate() {
  const email = `mesure-${Date.now()}@example.fr`;
  await call('/api/compte/creer', {
    nom: 'Martin', prenom: 'Léa', email, email_confirmation: email,
    password: PASSWORD, password_confirmation: PASSWORD,
  });
  // The outbox worker writes the mail within a moment.
  let token;
  for (let i = 0; i < 50 && !token; i++) {
    try { token = activationToken(email); } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  if (!token) token = activationToken(email);
  const login = JSON.parse((await call('/api/compte/valider', { token })).text);
  const { cookie } = await call('/api/session/connexion', { identifiant: login, mot_de_passe: PASSWORD });
  await call('/api/dossier/informations-personnelles/enregistrer', {
    civilite: 'Mme', nom_naissance: 'Martin', nom_usuel: '', prenom: 'Léa', autre_prenom: '',
    date_naissance: '03/07/2004', pays_naissance: 'FR', departement_naissance: '31', ville_naissance: 'Toulouse',
    nationalite: 'FR', telephone: '', portable: '06 12 34 56 78', ine: '', sans_ine: '1',
  }, cookie);
  await call('/api/dossier/adresse/enregistrer', {
    pays: 'FR', ligne1: '1 rue de la Paix', ligne2: '', ligne3: '', code_postal: '31000', commune: '31555', ville: '',
  }, cookie);
  await call('/api/dossier/baccalaureat/enregistrer', { situation: 'non' }, cookie);
  const offer = JSON.parse((await call('/api/candidatures/offre', {}, cookie)).text);
  const formation = offer.flatMap((centre) => centre.formations).find((f) => f.state === 'Open');
  if (!formation) throw new Error(`no open formation in the offer: ${JSON.stringify(offer).slice(0, 300)}`);
  await call('/api/candidatures/candidater', { formation: String(formation.id) }, cookie);
  const lines = JSON.parse((await call('/api/candidatures/liste', {}, cookie)).text);
  return [cookie, `/candidatures/${lines[0].id}`];
}

/** One cold visit: [ms until the HTML arrived, ms until interactive, bytes]. */
async function visit(browser, path, cookie, conditions) {
  const context = await browser.newContext();
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: base }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (conditions) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });
  const start = Date.now();
  const response = await page.goto(base + path, { waitUntil: 'commit' });
  if (!response.ok()) throw new Error(`${path}: ${response.status()}`);
  await page.waitForLoadState('domcontentloaded');
  const shown = Date.now() - start;
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 120000 });
  const interactive = Date.now() - start;
  const total = bytes;
  await context.close();
  return [shown, interactive, total];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const [cookie, pieces] = await candidate();
const pages = [['sign-in page (anonymous)', '/connexion', null], ["an application's pieces page", pieces, cookie]];
const RUNS = Number(process.env.SESAME_BENCH_RUNS || 3);
console.log(`cold cache, median of ${RUNS} visits: HTML shown / interactive, bytes over the network until interactive`);
for (const [label, path, c] of pages) {
  for (const network of NETWORKS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, path, c, network.conditions));
    runs.sort((a, b) => a[1] - b[1]);
    const [shown, interactive, bytes] = runs[Math.floor(runs.length / 2)];
    console.log(`  ${label.padEnd(30)} ${network.name.padEnd(30)} ${String(shown).padStart(6)} ms / ${String(interactive).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}
await browser.close();
