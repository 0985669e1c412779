import type { MessageSet } from '../core/i18n/index.js';

export const emaklumMessages: MessageSet = {
  ms: {},
  en: {},
};
