import type { MessageSet } from '../core/i18n/index.js';

export const muatTurunMessages: MessageSet = {
  ms: {},
  en: {},
};
