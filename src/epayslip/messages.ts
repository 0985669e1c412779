import type { MessageSet } from '../core/i18n/index.js';

export const epayslipMessages: MessageSet = {
  ms: {},
  en: {},
};
