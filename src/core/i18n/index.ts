import { commonMessages } from './common-messages.js';
import { locales, type Catalog, type Locale, type MessageSet, type Translate } from './types.js';

export { locales, type Locale, type MessageSet, type Translate };

const catalogs: Record<Locale, Catalog> = { ms: {}, en: {} };
const registered = new Set<MessageSet>();

/**
 * Adds a feature's texts to the catalogue. The core imports no feature: the composition root
 * (src/messages.ts) registers each feature's set at start. A key already taken by another set
 * fails at start; registering the same set twice does nothing.
 */
export function registerMessages(...sets: MessageSet[]): void {
  for (const set of sets) {
    if (registered.has(set)) continue;
    for (const locale of locales) {
      for (const k of Object.keys(set[locale])) {
        if (k in catalogs[locale]) throw new Error(`Duplicate message key ${k} (${locale})`);
      }
    }
    for (const locale of locales) Object.assign(catalogs[locale], set[locale]);
    registered.add(set);
  }
}

registerMessages(commonMessages);

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
