import { commonMessages } from './common-messages.js';
import { featureMessages } from './feature-messages.js';

export const locales = ['ms', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Catalog = Record<string, string>;
export interface MessageSet {
  ms: Catalog;
  en: Catalog;
}
export type Translate = (key: string, params?: Record<string, string | number>) => string;

function merge(sets: MessageSet[]): Record<Locale, Catalog> {
  const out: Record<Locale, Catalog> = { ms: {}, en: {} };
  for (const set of sets) {
    for (const locale of locales) {
      for (const [k, v] of Object.entries(set[locale])) {
        if (k in out[locale]) throw new Error(`Duplicate message key ${k} (${locale})`);
        out[locale][k] = v;
      }
    }
  }
  return out;
}

const catalogs = merge([commonMessages, ...featureMessages]);

export function isLocale(v: unknown): v is Locale {
  return v === 'ms' || v === 'en';
}

export function hasMessage(locale: Locale, key: string): boolean {
  return key in catalogs[locale];
}

/**
 * Plurals (issue 14 item 13): "{count, plural, one {# month} other {# months}}" picks the form by
 * the number and writes it for "#". English needs it; a Malay noun does not change ("1 bulan",
 * "2 bulan"), so Malay texts write "{count} bulan".
 */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

function plurals(text: string, params: Record<string, string | number>): string {
  return text.replace(PLURAL, (m, name: string, one: string, other: string) => {
    if (!(name in params)) return m;
    const n = params[name]!;
    return (Number(n) === 1 ? one : other).replace(/#/g, String(n));
  });
}

/** Looks up a key; a missing English text falls back to Malay, a missing key shows the key itself. */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const text = catalogs[locale][key] ?? catalogs.ms[key] ?? key;
  if (!params) return text;
  return plurals(text, params).replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}

/**
 * Builds a value that depends only on the language (a zod schema with its messages) once per
 * locale, not per request: building the eMaklum search schema cost ~2 ms a request, parsing with
 * it 0.08 ms (docs/benchmarks.md).
 */
export function perLocale<T>(build: (t: Translate) => T): (locale: Locale) => T {
  const built = new Map<Locale, T>();
  return (locale) => {
    let value = built.get(locale);
    if (value === undefined) {
      value = build(translator(locale));
      built.set(locale, value);
    }
    return value;
  };
}
