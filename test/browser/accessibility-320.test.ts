/**
 * Issue 14 items 7 and 10: axe-core over the portal's pages at 320 px (a small phone), both
 * languages, normal and error states; and the main menu at 320 px and with 200 % text: every item
 * in sight, none cut off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { artifactPath, logIn } from '../helpers/browser.js';
import { accessibilitySuite } from './axe-support.js';

accessibilitySuite(320, ({ app, browser }) => {
  test('the main menu: every item in sight and whole at 320 px and with 200 % text', async () => {
    for (const [width, textScale] of [
      [320, 1],
      [1280, 2],
      [390, 2],
    ] as const) {
      const context = await browser().newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      if (textScale !== 1) {
        // Browser text size (not zoom): what a user with large text sets in Chromium's settings.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.setFontSizes', {
          fontSizes: { standard: 16 * textScale, fixed: 13 * textScale },
        });
      }
      await logIn(page, app().baseUrl, DEMO.activeEmployee.ic);
      const menu = page.getByRole('navigation', { name: 'Menu utama' });
      const names = ['Laman Utama', 'eMaklum', 'ePayslip', 'eEC', 'Permohonan', 'Muat Turun'];
      for (const name of names) {
        const link = menu.getByRole('link', { name, exact: true });
        assert.ok(await link.isVisible(), `${name} visible at ${width} px ×${textScale}`);
        const box = (await link.boundingBox())!;
        assert.ok(
          box.x >= 0 && box.x + box.width <= width + 0.5,
          `${name} inside the screen at ${width} px ×${textScale}`,
        );
        const clipped = await link.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
        assert.ok(!clipped, `${name} is not cut off at ${width} px ×${textScale}`);
      }
      if (width === 320) await page.screenshot({ path: artifactPath('phone-menu-320.png') });
      if (textScale === 2 && width === 390)
        await page.screenshot({ path: artifactPath('phone-menu-390-text-200.png') });
      await context.close();
    }
  });
});
