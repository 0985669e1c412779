import type { MessageSet } from '../core/i18n/index.js';

export const eecMessages: MessageSet = {
  ms: {},
  en: {},
};
