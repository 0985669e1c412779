/** The i18n types, apart so that the catalogues can name them without an import cycle. */
export const locales = ['ms', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Catalog = Record<string, string>;
export interface MessageSet {
  ms: Catalog;
  en: Catalog;
}
export type Translate = (key: string, params?: Record<string, string | number>) => string;
