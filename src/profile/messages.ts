import type { MessageSet } from '../core/i18n/index.js';

export const profileMessages: MessageSet = {
  ms: {},
  en: {},
};
