import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPagination, clampPage, parsePage } from '../../src/core/pagination.js';
import { buildChart, type ModuleWidget } from '../../src/dashboard/service.js';
import { parseDateInput } from '../../src/emaklum/service.js';
import { parseMonth, parseYear } from '../../src/core/periods.js';
import { contentTypeFor, downloadPath, formatFileSize } from '../../src/muat-turun/service.js';

describe('small rules', () => {
  test('year and month from the URL', () => {
    assert.equal(parseYear('2026'), 2026);
    for (const bad of ['1999', '2101', '26', '20261', 'abcd', ''])
      assert.equal(parseYear(bad), undefined, bad);
    assert.equal(parseMonth('03'), 3);
    assert.equal(parseMonth('12'), 12);
    for (const bad of ['0', '00', '13', '1x', '-1', '003']) assert.equal(parseMonth(bad), undefined, bad);
  });

  test('dates typed or picked', () => {
    assert.equal(parseDateInput('2026-02-28'), '2026-02-28');
    assert.equal(parseDateInput('1/3/2026'), '2026-03-01');
    for (const bad of ['2026-02-30', '31/04/2026', '2026-13-01', 'semalam', '1899-01-01'])
      assert.equal(parseDateInput(bad), undefined, bad);
  });

  test('page numbers and links', () => {
    assert.equal(parsePage('3'), 3);
    for (const bad of [undefined, '', '0', '-2', 'abc', '1e5', '99999999', ['2']])
      assert.equal(parsePage(bad), 1);
    assert.equal(clampPage(9, 45, 20), 3);
    assert.equal(clampPage(2, 0, 20), 1);
    const p = buildPagination('/emaklum', { status: 'ISSUED', rujukan: undefined }, 5, 200, 20);
    assert.equal(p.prevHref, '/emaklum?status=ISSUED&page=4');
    assert.equal(p.nextHref, '/emaklum?status=ISSUED&page=6');
    assert.deepEqual(
      p.items.map((i) => ('gap' in i ? '…' : i.page)),
      [1, '…', 3, 4, 5, 6, 7, '…', 10],
    );
    assert.equal(buildPagination('/x', {}, 1, 5, 20).pages, 1);
  });

  test('the chart is scaled to the largest module and draws nothing for zero', () => {
    const modules = (['AC', 'PROC', 'PY', 'SL', 'AIM'] as const).map((module, i): ModuleWidget => ({
      module,
      total: [10, 5, 0, 1, 10][i]!,
      counts: [],
    }));
    const chart = buildChart(modules);
    assert.equal(chart.total, 26);
    assert.equal(chart.bars[0]!.width, chart.bars[4]!.width);
    assert.equal(chart.bars[1]!.width, Math.round(chart.bars[0]!.width / 2));
    assert.equal(chart.bars[2]!.width, 0);
    assert.ok(chart.bars[3]!.width >= 3, 'a small count is still visible');
    assert.ok(
      chart.bars.every((b) => b.valueX + 30 <= chart.width),
      'values stay inside the drawing',
    );
    assert.equal(buildChart(modules.map((m) => ({ ...m, total: 0 }))).bars[0]!.width, 0);
  });

  test('download names and types', () => {
    assert.ok(downloadPath('manual-pengguna-portal-ispeks.html'));
    for (const bad of ['../package.json', 'a/b.txt', 'x.sh', '.env', 'Manual.HTML'])
      assert.equal(downloadPath(bad), undefined, bad);
    assert.equal(contentTypeFor('a.txt', 'text/plain; charset=utf-8'), 'text/plain; charset=utf-8');
    assert.equal(contentTypeFor('a.html', 'application/octet-stream'), 'text/html; charset=utf-8');
    assert.equal(formatFileSize(900), '900 B');
    assert.equal(formatFileSize(19_968), '19.5 KB');
    assert.equal(formatFileSize(3 * 1024 * 1024), '3.0 MB');
  });
});
