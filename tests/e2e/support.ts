/**
 * Browser-test support: the admin UI built (when missing or older than its sources), a
 * Tessera with the demo data listening on a free port, headless Chromium, screenshots in
 * tests/artifacts/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from '../helpers.js';
import { expect } from 'vitest';
import { launchBrowser, type Browser, type Page } from '../../admin-ui/testing/browser.js';

export type { Page };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const UI = join(ROOT, 'admin-ui');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
/** Fixture plugins of the browser tests (dashboard widgets). */
export const E2E_PLUGINS = join(ROOT, 'tests', 'e2e', 'fixtures', 'plugins');

/** Builds admin-ui/dist unless it is newer than its sources (the root test script does the same first). */
export function ensureAdminUiBuilt(): void {
  execFileSync('node', [join(UI, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface UiSession {
  app: TestApp;
  /** An administrator who logs in through the login page. */
  user: { username: string; password: string };
  /** Opens the app, signs in on the login page it redirects to, and waits for the menu. */
  login(): Promise<void>;
  base: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startUi(
  opts: { plugins?: string[]; pluginPaths?: string[]; locale?: string; company?: Record<string, unknown> } = {},
): Promise<UiSession> {
  ensureAdminUiBuilt();
  const app = await startApp(
    { plugins: opts.plugins ?? ['catalog', 'catalog_ext'], ...(opts.company ? { company: opts.company as any } : {}) },
    { demo: true, pluginPaths: opts.pluginPaths },
  );
  // The server's one HTTP server: it follows configuration reloads (the studio's applies).
  const { port } = (await app.listen!(0, '127.0.0.1')).address() as AddressInfo;
  const user = { username: 'e2e-admin', password: 'e2e-password-1234' };
  await app.createUser(user.username, [], { isAdmin: true, password: user.password });
  const browser = await launchBrowser({ locale: opts.locale });
  const errors: string[] = [];
  browser.page.on('pageerror', (e) => errors.push(e.message));
  browser.page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4[0-9][0-9]/.test(m.text())) console.error(`[browser] ${m.text()}`);
    // A resource or script the Content-Security-Policy blocked fails the test (see close()).
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
  });
  browser.page.setDefaultTimeout(20_000);
  return {
    app,
    user,
    base: `http://127.0.0.1:${port}`,
    async login() {
      const page = browser.page;
      await page.goto(`http://127.0.0.1:${port}/admin/`);
      // Without a session the app sends us to its login page.
      await page.locator('input[name="username"]').waitFor();
      await screenshot(page, 'login');
      await page.locator('input[name="username"]').fill(user.username);
      await page.locator('input[name="password"]').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-menu-group]').first().waitFor();
    },
    browser,
    page: browser.page,
    async close() {
      await browser.close();
      await app.close();
      if (errors.length) throw new Error(`uncaught errors or CSP violations in the page:\n${errors.join('\n')}`);
    },
  };
}

/**
 * Signs in as another user with a session cookie (POST /api/auth/login from the page's context).
 * The page first leaves the app: an app left running would see its session cookie go and
 * navigate to the login page, interrupting the caller's next navigation.
 */
export async function signInAs(ui: UiSession, username: string, password: string): Promise<void> {
  const { page } = ui;
  await page.goto('about:blank');
  await page.context().clearCookies();
  const res = await page.request.post(`${ui.base}/api/auth/login`, { data: { username, password } });
  if (res.status() !== 200) throw new Error(`login of ${username} answered ${res.status()}: ${await res.text()}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The text of the cells of one column of the list's table (by the column's source). */
export async function columnTexts(page: Page, source: string): Promise<string[]> {
  return page.locator(`table tbody td.column-${source}`).allInnerTexts();
}

/**
 * Types into a picker and chooses the option by keyboard (arrow down + Enter). The search answers
 * as the user types, so it chooses once the first choice is the one searched for (not a shorter
 * search's), and presses Enter once the page shows it highlighted (a loaded machine renders late).
 */
export async function chooseByKeyboard(page: Page, input: ReturnType<Page['locator']>, text: string, option: RegExp): Promise<void> {
  const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 150 });
  await input.focus();
  await input.pressSequentially(text, { delay: 20 });
  await poll(() => page.getByRole('option').first().innerText()).toMatch(option);
  // Read in one step in the page: the list re-renders as results arrive, and a locator found a
  // moment ago may be gone by the time its text is asked for (it would wait for it).
  const highlighted = () => page.evaluate(() => (document.querySelector('[role="option"].Mui-focused') as HTMLElement | null)?.innerText ?? '');
  for (let i = 0; i < 5 && !option.test(await highlighted()); i++) {
    await input.press('ArrowDown');
    await expect
      .poll(highlighted, { timeout: 2_000, interval: 100 })
      .toMatch(option)
      .catch(() => undefined);
  }
  expect(await highlighted()).toMatch(option);
  await input.press('Enter');
  await poll(() => input.inputValue()).toMatch(option);
}
