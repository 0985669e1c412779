import type { MessageSet } from '../core/i18n/index.js';

export const permohonanMessages: MessageSet = {
  ms: {},
  en: {},
};
