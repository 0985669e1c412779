import type { MessageSet } from './index.js';
import { authMessages } from '../../auth/messages.js';
import { dashboardMessages } from '../../dashboard/messages.js';
import { epayslipMessages } from '../../epayslip/messages.js';
import { eecMessages } from '../../eec/messages.js';
import { emaklumMessages } from '../../emaklum/messages.js';
import { permohonanMessages } from '../../permohonan/messages.js';
import { muatTurunMessages } from '../../muat-turun/messages.js';
import { profileMessages } from '../../profile/messages.js';
import { staffMessages } from '../../staff/messages.js';
import { auditMessages } from '../../staff/audit-messages.js';
import { importMessages } from '../../staff/import-messages.js';
import { staffRecoveryMessages } from '../../staff/recovery-messages.js';
import { devMessages } from '../../dev/messages.js';
import { treasuryMessages } from '../../treasury/messages.js';

/** Each feature keeps its own texts; they are merged here (duplicate keys fail at start). */
export const featureMessages: MessageSet[] = [
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
];
