import type { Knex } from 'knex';
import { MODULES, STATUSES, type ApplicationStatus, type Module } from '../permohonan/index.js';
import {
  IN_PROCESS_PAYMENT_STATUS,
  loadDashboardData,
  type LoanRow,
  type PaymentInProcess,
} from './queries.js';

/** How many loans and payments the dashboard lists before "Lihat Terperinci". */
export const DASHBOARD_LOANS = 4;
export const DASHBOARD_PAYMENTS = 3;

export interface ModuleWidget {
  module: Module;
  total: number;
  counts: { status: ApplicationStatus; count: number }[];
}

export interface ChartBar {
  module: Module;
  count: number;
  colourClass: string;
  /** The bar's fill (an SVG presentation attribute, allowed by the CSP; CSS may override it). */
  colour: string;
  /** Baseline of the module's full name, above its bar. */
  labelY: number;
  y: number;
  width: number;
  textY: number;
  valueX: number;
}

export interface Chart {
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: ChartBar[];
  total: number;
}

export interface Dashboard {
  loans: LoanRow[];
  loanCount: number;
  modules: ModuleWidget[];
  chart: Chart;
  latestPayslip: {
    year: number;
    month: number;
    payDate: string;
    earningsSen: number;
    deductionsSen: number;
    netSen: number;
  } | null;
  payments: PaymentInProcess[];
  paymentsCount: number;
  paymentsTotalSen: number;
  /** eMaklum filtered to exactly the payments the widget counts. */
  paymentsHref: string;
}

/** Bar colours: the same as .chart__bar--1…5 in app.css (kept here for a stylesheet-less view). */
const COLOURS = ['#0b3d91', '#1f7a8c', '#b45309', '#6d28d9', '#15803d'];

// Each module's full name sits above its bar (codes such as "PROC" mean nothing to most people).
const CHART = {
  width: 320,
  labelWidth: 0,
  barMax: 270,
  rowHeight: 48,
  labelHeight: 18,
  barHeight: 20,
  top: 4,
};

/** A horizontal bar per module, drawn on the server as SVG geometry (no script needed). */
export function buildChart(modules: ModuleWidget[]): Chart {
  const max = Math.max(0, ...modules.map((m) => m.total));
  const bars = modules.map((m, i) => {
    const rowTop = CHART.top + i * CHART.rowHeight;
    const y = rowTop + CHART.labelHeight;
    const width = max === 0 ? 0 : Math.max(m.total > 0 ? 3 : 0, Math.round((m.total / max) * CHART.barMax));
    return {
      module: m.module,
      count: m.total,
      colourClass: `chart__bar--${i + 1}`,
      colour: COLOURS[i % COLOURS.length]!,
      labelY: rowTop + 13,
      y,
      width,
      textY: y + CHART.barHeight / 2 + 5,
      valueX: CHART.labelWidth + width + 6,
    };
  });
  return {
    width: CHART.width,
    height:
      CHART.top * 2 +
      modules.length * CHART.rowHeight -
      (CHART.rowHeight - CHART.labelHeight - CHART.barHeight),
    labelWidth: CHART.labelWidth,
    barHeight: CHART.barHeight,
    bars,
    total: modules.reduce((s, m) => s + m.total, 0),
  };
}

/** Everything on "Laman Utama" in one query, whatever the user's history. */
export async function loadDashboard(db: Knex, employeeId: number): Promise<Dashboard> {
  const { loans, counts, latest, payments } = await loadDashboardData(db, employeeId, DASHBOARD_PAYMENTS);
  const modules: ModuleWidget[] = MODULES.map((module) => {
    const mine = counts.filter((c) => c.module === module);
    const byStatus = STATUSES.map((status) => ({
      status,
      count: mine.find((c) => c.status === status)?.count ?? 0,
    }));
    return { module, total: byStatus.reduce((s, c) => s + c.count, 0), counts: byStatus };
  });
  return {
    loans: loans.slice(0, DASHBOARD_LOANS),
    loanCount: loans.length,
    modules,
    chart: buildChart(modules),
    latestPayslip: latest
      ? {
          year: latest.year,
          month: latest.month,
          payDate: latest.pay_date,
          earningsSen: Number(latest.earnings_sen),
          deductionsSen: Number(latest.deductions_sen),
          netSen: Number(latest.earnings_sen) - Number(latest.deductions_sen),
        }
      : null,
    payments,
    paymentsCount: payments[0]?.total_count ?? 0,
    paymentsTotalSen: Number(payments[0]?.total_sen ?? 0),
    paymentsHref: `/emaklum?status=${IN_PROCESS_PAYMENT_STATUS}`,
  };
}
