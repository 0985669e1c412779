import type { MessageSet } from '../core/i18n/index.js';

export const dashboardMessages: MessageSet = {
  ms: {},
  en: {},
};
