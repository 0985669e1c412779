import type { MessageSet } from '../core/i18n/index.js';

export const devMessages: MessageSet = {
  ms: {
    'dev.mailbox.title': 'Peti Mel Pembangunan',
    'dev.mailbox.intro': 'Emel yang ditangkap oleh pelayan SMTP tempatan (mod pembangunan sahaja).',
    'dev.mailbox.empty': 'Belum ada emel.',
    'dev.mailbox.to': 'Kepada',
    'dev.mailbox.received': 'Diterima',
  },
  en: {
    'dev.mailbox.title': 'Development Mailbox',
    'dev.mailbox.intro': 'Emails caught by the local SMTP server (development mode only).',
    'dev.mailbox.empty': 'No email yet.',
    'dev.mailbox.to': 'To',
    'dev.mailbox.received': 'Received',
  },
};
