/**
 * Shared by accessibility-*.test.ts. Issue 14 items 7 and 10: axe-core over the portal's pages in Chromium, in both languages, in
 * normal and error states, at 1280 and 320 px (any WCAG 2.x A/AA violation fails); and the main
 * menu at 320 px and with 200 % text: every item in sight, none cut off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser, logIn } from '../helpers/browser.js';

const LOCALES = ['ms', 'en'] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is now; returns readable violations. */
async function violations(page: Page, what: string): Promise<string[]> {
  // WCAG 2.x A and AA rules only; only violations are reported back (axe then skips building the
  // large lists of passes). options() replaces what withTags() sets, so runOnly goes in here.
  const result = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] })
    .analyze();
  return result.violations.map(
    (v) =>
      `${what}: ${v.id} (${v.impact ?? '?'}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function newContext(
  browser: Browser,
  app: TestApp,
  width: number,
  locale: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: 'ispeks.lang', value: locale, url: app.baseUrl }]);
  return context;
}

/** The axe suite at one width, both languages; `extra` adds tests that share its app and browser. */
export function accessibilitySuite(
  width: number,
  extra?: (ctx: { app: () => TestApp; browser: () => Browser }) => void,
): void {
  const skip = browserSkipReason();
  describe(`accessibility in Chromium (axe-core) at ${width} px`, { skip }, () => {
    let app: TestApp;
    let browser: Browser;
    let payslipPath = '';
    let ecPath = '';
    let paymentPath = '';
    let applicationPath = '';
    let employeePath = '';
    let helpdeskAccountPath = '';
    let rolesPath = '';

    before(async () => {
      app = await startTestApp({ sender: false });
      browser = await launchBrowser();
      const me = await app
        .db('employees')
        .where('ic_no', DEMO.activeEmployee.ic)
        .first<{ id: number; department_id: number }>('id', 'department_id');
      const slip = await app
        .db('payslips')
        .where('employee_id', me!.id)
        .whereNotNull('published_at')
        .orderBy([
          { column: 'year', order: 'desc' },
          { column: 'month', order: 'desc' },
        ])
        .first<{ year: number; month: number }>('year', 'month');
      payslipPath = `/epayslip/${slip!.year}/${String(slip!.month).padStart(2, '0')}`;
      ecPath = `/eec/${slip!.year}`;
      const payment = await app
        .db('payments')
        .where('payee_id_no', DEMO.activeEmployee.ic)
        .first<{ id: number }>('id');
      paymentPath = payment ? `/emaklum/${payment.id}` : '';
      const application = await app
        .db('applications')
        .where('employee_id', me!.id)
        .first<{ id: number }>('id');
      applicationPath = application ? `/permohonan/${application.id}` : '';
      employeePath = `/pentadbir/unit-gaji/pekerja/${me!.id}`;
      const account = await app
        .db('accounts')
        .where('login_id', DEMO.activeEmployee.ic)
        .first<{ id: number }>('id');
      helpdeskAccountPath = `/pentadbir/helpdesk/akaun/${account!.id}`;
      rolesPath = `/pentadbir/admin/peranan/${account!.id}`;
    });
    after(async () => {
      await browser?.close();
      await app?.close();
    });

    {
      for (const locale of LOCALES) {
        test(`public pages and their error states at ${width} px (${locale})`, async () => {
          const context = await newContext(browser, app, width, locale);
          const page = await context.newPage();
          const found: string[] = [];
          for (const path of [
            '/',
            '/login-kali-pertama',
            '/lupa-kata-laluan',
            '/sesi-tamat',
            '/tiada-halaman-ini',
          ]) {
            await page.goto(app.baseUrl + path);
            found.push(...(await violations(page, path)));
          }
          // Error states: each form sent empty.
          for (const path of ['/', '/login-kali-pertama', '/lupa-kata-laluan']) {
            await page.goto(app.baseUrl + path);
            await page.locator('main form button[type=submit]').first().click();
            await page.locator('[data-error-summary]').waitFor();
            found.push(...(await violations(page, `${path} (errors)`)));
            // The error summary has the focus on arrival (autofocus, also without JavaScript).
            const focused = await page.evaluate(() =>
              document.activeElement?.hasAttribute('data-error-summary'),
            );
            assert.ok(focused, `${path}: the error summary has the focus`);
            if (path === '/login-kali-pertama')
              await page.screenshot({
                path: artifactPath(`error-state-${width}-${locale}.png`),
                fullPage: true,
              });
          }
          // Login step 2 (the secret phrase) for a known ID.
          await page.goto(app.baseUrl + '/');
          await page.locator('#loginId').fill(DEMO.activeEmployee.ic);
          await page.locator('main form button[type=submit]').first().click();
          await page.locator('#password').waitFor();
          found.push(...(await violations(page, 'login step 2')));
          await context.close();
          assert.deepEqual(found, []);
        });

        test(`an employee's pages at ${width} px (${locale})`, async () => {
          const context = await newContext(browser, app, width, locale);
          const page = await context.newPage();
          await logIn(page, app.baseUrl, DEMO.activeEmployee.ic, { locale });
          const found: string[] = [];
          const paths = [
            '/laman-utama',
            '/laman-utama/pinjaman',
            '/epayslip',
            payslipPath,
            '/eec',
            ecPath,
            '/emaklum',
            '/emaklum?dari=2026-13-45',
            paymentPath,
            '/permohonan',
            applicationPath,
            '/muat-turun',
            '/profil',
            '/profil/kata-laluan',
            '/profil/soalan',
            '/profil/frasa',
          ].filter(Boolean);
          for (const path of paths) {
            await page.goto(app.baseUrl + path);
            found.push(...(await violations(page, path)));
          }
          // A profile form sent empty: its error state.
          await page.goto(app.baseUrl + '/profil/kata-laluan');
          await page.locator('main form button[type=submit]').first().click();
          await page.locator('[data-error-summary]').waitFor();
          found.push(...(await violations(page, '/profil/kata-laluan (errors)')));
          await context.close();
          assert.deepEqual(found, []);
        });

        test(`staff pages at ${width} px (${locale})`, async () => {
          const found: string[] = [];
          const visits: [string, string[]][] = [
            [
              DEMO_STAFF.payroll.ic,
              [
                '/pentadbir',
                '/pentadbir/unit-gaji?q=a',
                employeePath,
                '/pentadbir/unit-gaji/import',
                '/pentadbir/unit-gaji/statistik',
              ],
            ],
            [
              DEMO_STAFF.helpdesk.ic,
              ['/pentadbir/helpdesk?q=' + DEMO.activeEmployee.ic, helpdeskAccountPath],
            ],
            [
              DEMO_STAFF.admin.ic,
              [
                '/pentadbir/admin/peranan',
                rolesPath,
                '/pentadbir/admin/audit',
                '/pentadbir/admin/audit?from=2026-02-30',
              ],
            ],
          ];
          for (const [loginId, paths] of visits) {
            const context = await newContext(browser, app, width, locale);
            const page = await context.newPage();
            await logIn(page, app.baseUrl, loginId, { locale });
            for (const path of paths) {
              await page.goto(app.baseUrl + path);
              found.push(...(await violations(page, path)));
            }
            await context.close();
          }
          assert.deepEqual(found, []);
        });
      }
    }

    extra?.({ app: () => app, browser: () => browser });
  });
}
