import type { MessageSet } from '../core/i18n/index.js';

export const staffMessages: MessageSet = {
  ms: {},
  en: {},
};
