import { registerMessages } from './core/i18n/index.js';
import { authMessages } from './auth/index.js';
import { dashboardMessages } from './dashboard/index.js';
import { epayslipMessages } from './epayslip/index.js';
import { eecMessages } from './eec/index.js';
import { emaklumMessages } from './emaklum/index.js';
import { permohonanMessages } from './permohonan/index.js';
import { muatTurunMessages } from './muat-turun/index.js';
import { profileMessages } from './profile/index.js';
import { auditMessages, importMessages, staffMessages, staffRecoveryMessages } from './staff/index.js';
import { devMessages } from './dev/index.js';
import { treasuryMessages } from './treasury/index.js';

/**
 * Each feature keeps its own texts; the composition root registers them with the core here
 * (duplicate keys fail at start), so that src/core imports no feature. Imported by src/app.ts;
 * code that translates without the app (a unit test, a bench) imports this file first.
 */
registerMessages(
  authMessages,
  dashboardMessages,
  epayslipMessages,
  eecMessages,
  emaklumMessages,
  permohonanMessages,
  muatTurunMessages,
  profileMessages,
  staffMessages,
  auditMessages,
  importMessages,
  staffRecoveryMessages,
  devMessages,
  treasuryMessages,
);
