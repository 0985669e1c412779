import type { MessageSet } from '../core/i18n/index.js';

export const muatTurunMessages: MessageSet = {
  ms: {
    'muatTurun.title': 'Muat Turun',
    'muatTurun.intro': 'Manual pengguna Portal iSPEKS dan borang yang berkaitan.',
    'muatTurun.manuals': 'Manual Pengguna',
    'muatTurun.forms': 'Borang',
    'muatTurun.col.title': 'Dokumen',
    'muatTurun.col.type': 'Jenis',
    'muatTurun.col.size': 'Saiz',
    'muatTurun.download': 'Muat Turun',
    'muatTurun.downloadLabel': 'Muat turun {title} ({type}, {size})',
    'muatTurun.unavailable': 'Tidak tersedia buat masa ini',
    'muatTurun.empty': 'Tiada dokumen.',
  },
  en: {
    'muatTurun.title': 'Downloads',
    'muatTurun.intro': 'The Portal iSPEKS user manual and related forms.',
    'muatTurun.manuals': 'User Manual',
    'muatTurun.forms': 'Forms',
    'muatTurun.col.title': 'Document',
    'muatTurun.col.type': 'Type',
    'muatTurun.col.size': 'Size',
    'muatTurun.download': 'Download',
    'muatTurun.downloadLabel': 'Download {title} ({type}, {size})',
    'muatTurun.unavailable': 'Not available at the moment',
    'muatTurun.empty': 'No documents.',
  },
};
