import { registerMessages } from './core/i18n/index.js';
import { authMessages } from './auth/messages.js';
import { dashboardMessages } from './dashboard/messages.js';
import { epayslipMessages } from './epayslip/messages.js';
import { eecMessages } from './eec/messages.js';
import { emaklumMessages } from './emaklum/messages.js';
import { permohonanMessages } from './permohonan/messages.js';
import { muatTurunMessages } from './muat-turun/messages.js';
import { profileMessages } from './profile/messages.js';
import { staffMessages } from './staff/messages.js';
import { auditMessages } from './staff/audit-messages.js';
import { importMessages } from './staff/import-messages.js';
import { staffRecoveryMessages } from './staff/recovery-messages.js';
import { devMessages } from './dev/messages.js';
import { treasuryMessages } from './treasury/messages.js';

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
