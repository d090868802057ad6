// End-to-end test of the operator console in a real headless Chromium (Debian's, driven by
// playwright-core; no browser is downloaded). Called by the app module's ConsoleEndToEndTest with a
// running node; also runnable by hand against `bin/strait serve`:
//
//   CONSOLE_URL=http://127.0.0.1:8081 GATEWAY_URL=http://127.0.0.1:8080 \
//   CONSOLE_PASSWORD=$(cat strait-data/console-password) node e2e/console.e2e.mjs
//
// Optional: LISTED_NAME (a company on the node's denied-party lists, to onboard through a
// screening hit), CASE_ORG (an organization with an open monitoring case), SCREENSHOTS (folder),
// CHROMIUM (browser path). Exits 0 when every step passed, 1 naming the step that failed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const CONSOLE = (env.CONSOLE_URL || 'http://127.0.0.1:8081').replace(/\/$/, '');
const GATEWAY = (env.GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const PASSWORD = env.CONSOLE_PASSWORD;
const LISTED = env.LISTED_NAME || 'Example Trading Co';
const CASE_ORG = env.CASE_ORG || '';
const SHOTS = env.SCREENSHOTS || join(process.cwd(), 'target', 'console-screenshots');
const FINANCE_PASSWORD = 'finance-viewer-pass-1';
if (!PASSWORD) {
  console.error('CONSOLE_PASSWORD is required');
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });
rmSync(join(SHOTS, 'failure.png'), { force: true });

let step = 'start';
const log = (message) => console.log(`[e2e] ${message}`);
const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

const profile = mkdtempSync(join(tmpdir(), 'strait-console-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(15000);
const external = [];
page.on('request', (request) => {
  const url = request.url();
  if (!url.startsWith(CONSOLE) && !url.startsWith('data:')) external.push(url);
});
const consoleErrors = [];
page.on('pageerror', (error) => consoleErrors.push(String(error)));

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function go(path) {
  await page.goto(`${CONSOLE}/console${path}`);
}

async function nav(name) {
  const narrow = (page.viewportSize()?.width || 1280) < 800;
  if (narrow) await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();
}

async function login(name, password) {
  await go('/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByTestId('who').filter({ hasText: name }).waitFor();
}

async function apiFromPage(method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const r = await fetch(p, { method: m, headers: { 'x-strait-console': '1', 'content-type': 'application/json' },
      body: b ? JSON.stringify(b) : undefined });
    return { status: r.status, body: await r.text() };
  }, [method, path, body]);
}

try {
  step = 'login page';
  await go('/');
  await page.getByRole('heading', { name: 'Strait console' }).waitFor();
  await shot('login-1280');
  await page.getByLabel('Name').fill('admin');
  await page.getByLabel('Password').fill('wrong-password-entirely');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong name or password' }).waitFor();

  step = 'log in as admin by keyboard';
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.getByTestId('who').filter({ hasText: 'admin' }).waitFor();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  expect(focused === 'Skip to content', `the first Tab reaches the skip link, not ${focused}`);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id) === 'main', 'the skip link moves focus to the content');
  log('logged in as admin; skip link works');

  step = 'add a finance viewer';
  await nav('Operators');
  await page.getByLabel('Name', { exact: true }).fill('finance-viewer');
  await page.getByLabel('Role', { exact: true }).selectOption('finance');
  await page.getByLabel('Password').fill(FINANCE_PASSWORD);
  await page.getByRole('button', { name: 'Add operator' }).click();
  await page.getByRole('status').filter({ hasText: 'Added finance-viewer' }).waitFor();

  step = 'onboard an organization through screening';
  await nav('Organizations');
  await page.getByText('Onboard an organization').click();
  await page.getByLabel('Legal name').fill(LISTED);
  await page.getByLabel('Market').selectOption('US');
  await page.getByLabel('Registration number').fill('US-2026-0042');
  await page.getByRole('button', { name: 'Create and screen' }).click();
  await page.getByRole('heading', { level: 1, name: LISTED }).waitFor();
  const orgId = (await page.locator('.facts dd').first().textContent()).trim();
  await page.getByTestId('screening').first().waitFor();
  const screeningText = await page.getByTestId('screening').first().textContent();
  log(`created ${orgId}; screening: ${screeningText.slice(0, 80)}`);
  await page.getByLabel('Reason (audited)').fill('documents checked');
  if (/review|block/.test(screeningText) && /open/.test(screeningText)) {
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be verified' }).waitFor();
    log('verification refused while the screening hit is open');
    await shot('org-screening-hit-1280');
    await page.getByLabel('Reason for the resolution (audited)').fill('different registration number and address');
    await page.getByRole('button', { name: 'Clear: not the listed party' }).click();
    await page.getByRole('status').filter({ hasText: 'Screening resolved: cleared' }).waitFor();
  }
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByTestId('org-state').filter({ hasText: 'verified' }).waitFor();
  log('organization verified');

  step = 'create a key';
  await page.getByLabel('Key name').fill('e2e');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-key').textContent()).trim();
  expect(key.startsWith('sk-strait-'), `a key is shown once: ${key.slice(0, 12)}`);
  await shot('org-1280');

  step = 'send traffic through the gateway';
  for (let i = 0; i < 6; i++) {
    const r = await fetch(`${GATEWAY}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `Hello number ${i}` }] }),
    });
    expect(r.status === 200, `gateway answered ${r.status}: ${await r.text()}`);
  }
  log('6 requests served');

  step = 'see the traffic on the overview charts';
  await nav('Overview');
  let total = 0;
  for (let i = 0; i < 30 && total < 6; i++) {
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await page.waitForTimeout(500);
    total = Number((await page.getByTestId('total-requests').textContent()).replace(/,/g, ''));
  }
  expect(total >= 6, `the overview counts the requests (saw ${total})`);
  for (const chart of ['chart-traffic', 'chart-latency', 'chart-tokens', 'chart-revenue']) {
    await page.getByTestId(chart).locator('canvas').waitFor();
  }
  const painted = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="chart-traffic"] canvas');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink;
  });
  expect(painted > 500, 'the traffic chart is drawn');
  await shot('overview-1280');
  log(`overview shows ${total} requests`);

  step = 'markets and the what-if checker';
  await nav('Markets & policy');
  await page.getByRole('table', { name: /Entitlements/ }).waitFor();
  await page.getByLabel('Organization').selectOption(orgId);
  await page.getByLabel('Model').fill('gpt-4o');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByTestId('whatif-result').filter({ hasText: 'allow' }).waitFor();
  await shot('markets-1280');

  if (CASE_ORG) {
    step = 'act on a monitoring alert';
    await nav('Monitoring');
    const item = page.getByTestId('case').filter({ hasText: CASE_ORG });
    await item.waitFor();
    await shot('monitoring-1280');
    await item.getByLabel(/Dismiss/).check();
    await item.getByLabel('Note (required, audited)').fill('known research partner, contract 2026-114');
    await item.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'dismissed' }).waitFor();
    log(`monitoring case of ${CASE_ORG} dismissed`);
  }

  step = 'provenance: paste a passage, upload a dataset';
  await nav('Provenance');
  await page.getByLabel('Text').fill('A passage that may or may not have been generated through this gateway.');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByTestId('search-result').filter({ hasText: 'matching generation' }).waitFor();
  const dataset = ['first record of a suspicious dataset', 'second record, written by a person']
    .map((text) => JSON.stringify({ text })).join('\n');
  await page.getByLabel('Dataset file').setInputFiles({ name: 'suspect.jsonl', mimeType: 'application/jsonl',
    buffer: Buffer.from(dataset) });
  await page.getByRole('button', { name: 'Attribute' }).click();
  await page.getByTestId('attribution').filter({ hasText: '2 records' }).waitFor();
  await shot('provenance-1280');

  step = 'revenue by territory';
  await nav('Revenue');
  // A wide period: the node's clock may have been moved on by the test that started it.
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(day(-40));
  await page.getByLabel('To', { exact: true }).fill(day(40));
  await page.getByRole('table', { name: /Usage and revenue by market/ }).getByRole('row', { name: /US/ }).first().waitFor();
  await shot('revenue-1280');

  step = 'verify the audit chain';
  await nav('Audit log');
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await page.getByTestId('audit-verdict').filter({ hasText: 'Intact' }).waitFor();
  await page.getByRole('cell', { name: 'operator.login', exact: true }).first().waitFor();
  await shot('audit-1280');

  step = 'a narrow screen (390 px)';
  await page.setViewportSize({ width: 390, height: 844 });
  await go('/');
  await page.getByTestId('total-requests').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow <= 391, `no sideways scrolling at 390 px (page is ${overflow} px wide)`);
  await shot('overview-390');
  await nav('Organizations');
  await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
  await shot('orgs-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  step = 'log out';
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Strait console' }).waitFor();

  step = 'a finance viewer is refused admin actions, in the UI and by the API';
  await login('finance-viewer', FINANCE_PASSWORD);
  const links = await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();
  expect(JSON.stringify(links) === JSON.stringify(['Overview', 'Revenue']), `finance sees ${links}`);
  await go('/orgs');
  await page.getByTestId('refused').filter({ hasText: 'The finance role cannot open Organizations' }).waitFor();
  await shot('finance-refused-1280');
  const create = await apiFromPage('POST', '/admin/orgs', { legal_name: 'Sneaky Ltd', market: 'US', kind: 'enterprise' });
  expect(create.status === 403 && create.body.includes('forbidden'), `the API refuses finance: ${create.status} ${create.body}`);
  const revoke = await apiFromPage('POST', `/admin/keys/${'key_x'}/revoke`);
  expect(revoke.status === 403, `finance cannot revoke keys: ${revoke.status}`);
  const report = await apiFromPage('GET', '/admin/reports/usage?by=market');
  expect(report.status === 200, `finance reads reports: ${report.status}`);

  step = 'nothing outside the console was loaded';
  expect(external.length === 0, `requests left the console's origin: ${external.join(', ')}`);
  expect(consoleErrors.length === 0, `page errors: ${consoleErrors.join('; ')}`);
  writeFileSync(join(SHOTS, 'result.json'), JSON.stringify({ ok: true, org: orgId, requests: total }, null, 2));
  log('all steps passed');
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.error(`[e2e] FAILED at step "${step}": ${error.message}`);
  await shot('failure').catch(() => {});
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}
