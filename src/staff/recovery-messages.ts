import type { MessageSet } from '../core/i18n/index.js';

/**
 * Texts of account recovery (issue 11): the cooling-off after an email change, the rule that only
 * an administrator recovers a staff member's account, and the emails that tell the owner.
 * (Kept apart from messages.ts, which is already past the size the guide allows.)
 */
export const staffRecoveryMessages: MessageSet = {
  ms: {
    'staff.recovery.adminOnly':
      'Akaun ini memegang peranan kakitangan (contohnya Unit Gaji, Helpdesk atau Pentadbir). Hanya pentadbir sistem boleh menukar emel rasminya atau menetapkan semula akaunnya.',
    'staff.recovery.self':
      'Anda tidak boleh menukar emel atau menetapkan semula akaun anda sendiri. Minta pentadbir lain.',
    'staff.recovery.heldNote':
      'Emel lama dan baharu telah dimaklumkan. Login Kali Pertama dengan emel baharu ditahan sehingga {until} (tempoh bertenang).',
    'staff.recovery.notifiedNote': 'Emel lama dan baharu telah dimaklumkan.',
    'staff.recovery.heldUntil': 'Login Kali Pertama ditahan sehingga',
    'staff.recovery.title': 'Pemulihan Akaun',
    'staff.recovery.lead':
      'Betulkan emel rasmi atau set semula akaun ini kepada Login Kali Pertama. Emel lama dimaklumkan; semua sesi, kata laluan sementara dan pautan tetapan semula dibatalkan.',
    'staff.recovery.resetHint':
      'Akaun kembali kepada Login Kali Pertama. Semua peranan kakitangannya dibuang sehingga pentadbir memberinya semula.',
    'staff.recovery.emailSaved': 'Emel rasmi telah ditukar kepada {new}.',
    'staff.recovery.resetDone':
      'Akaun telah diset semula kepada Login Kali Pertama; peranan kakitangannya (jika ada) telah dibuang.',
    'staff.helpdesk.resendHeld':
      'Emel rasmi akaun ini baru ditukar: kata laluan sementara tidak dihantar sehingga tamat tempoh bertenang.',

    'staff.action.first_time.held': 'Login Kali Pertama ditahan (emel baru ditukar)',
    'staff.action.staff.helpdesk.email_hold_released': 'Tahanan Login Kali Pertama dilepaskan oleh Helpdesk',
    'staff.nav.holds': 'Tahanan Emel',
    'staff.holds.title': 'Login Kali Pertama Ditahan',
    'staff.holds.lead':
      'Selepas emel rasmi ditukar, Login Kali Pertama ditahan dalam tempoh bertenang supaya pemilik emel lama sempat membantah. Lepaskan tahanan hanya untuk kes segera yang tulen, selepas mengesahkan dengan pekerja itu sendiri (melalui nombor telefon yang diketahui atau bersemuka). Tahanan yang anda sendiri cetuskan tidak boleh anda lepaskan.',
    'staff.holds.none': 'Tiada Login Kali Pertama yang ditahan sekarang.',
    'staff.holds.release': 'Lepaskan Tahanan',
    'staff.holds.confirm':
      'Lepaskan tahanan bagi {name}? Kata laluan sementara akan boleh dihantar ke emel baharu serta-merta.',
    'staff.holds.released': 'Tahanan telah dilepaskan. Pekerja boleh membuat Login Kali Pertama sekarang.',
    'staff.holds.notHeld': 'Tiada tahanan bagi pekerja ini (mungkin telah tamat atau dilepaskan).',
    'staff.holds.sameActor': 'Anda yang menukar emel ini; tahanan perlu dilepaskan oleh orang lain.',
    'staff.action.staff.admin.email_corrected': 'Emel rasmi ditukar oleh Pentadbir',
    'staff.action.staff.admin.account_reset': 'Akaun diset semula oleh Pentadbir',
    'staff.action.staff.admin.roles_dropped': 'Peranan kakitangan dibuang semasa set semula',

    'staff.email.resetByAdmin.body':
      'Pentadbir sistem telah menetapkan semula akaun Portal iSPEKS anda (ID Pengguna {loginId}). Kata laluan, soalan rahsia, imej dan frasa rahsia anda yang lama tidak lagi sah, dan peranan kakitangan anda (jika ada) telah dibuang.',
    'staff.email.emailChanged.subject': 'Emel rasmi anda telah ditukar',
    'staff.email.emailChanged.by.payroll': 'Unit Gaji jabatan anda',
    'staff.email.emailChanged.by.admin': 'pentadbir sistem Portal iSPEKS',
    'staff.email.emailChanged.previous':
      'Emel rasmi bagi No Kad Pengenalan {maskedId} dalam Portal iSPEKS telah ditukar daripada alamat ini ({oldEmail}) kepada {newEmail} pada {when} (waktu Malaysia) oleh {by}. Emel portal selepas ini dihantar ke alamat baharu.',
    'staff.email.emailChanged.new':
      'Alamat ini ({newEmail}) kini emel rasmi bagi No Kad Pengenalan {maskedId} dalam Portal iSPEKS, menggantikan {oldEmail}, mulai {when} (waktu Malaysia), ditukar oleh {by}.',
    'staff.email.emailChanged.held':
      'Demi keselamatan, Login Kali Pertama dengan emel baharu ditahan sehingga {heldUntil}. Semua sesi, kata laluan sementara dan pautan tetapan semula yang belum digunakan telah dibatalkan.',
    'staff.email.emailChanged.notYou.previous':
      'Jika anda tidak menjangka pertukaran ini, hubungi Helpdesk ({helpdesk}) atau Unit Gaji jabatan anda SEGERA, sebelum tempoh itu tamat, supaya akaun anda tidak diambil alih. Jangan balas emel ini.',
    'staff.email.emailChanged.notYou.new':
      'Jika alamat ini bukan milik pekerja tersebut, atau anda tidak menjangka emel ini, hubungi Helpdesk ({helpdesk}). Jangan balas emel ini.',
  },
  en: {
    'staff.recovery.adminOnly':
      'This account holds a staff role (for example Payroll Unit, Helpdesk or Administrator). Only a system administrator may change its official email or reset it.',
    'staff.recovery.self':
      'You cannot change the email of, or reset, your own account. Ask another administrator.',
    'staff.recovery.heldNote':
      'The old and new addresses have been told. First-time login with the new email is held until {until} (cooling-off period).',
    'staff.recovery.notifiedNote': 'The old and new addresses have been told.',
    'staff.recovery.heldUntil': 'First-time login held until',
    'staff.recovery.title': 'Account Recovery',
    'staff.recovery.lead':
      'Correct the official email of this account or reset it to first-time login. The old address is told; every session, temporary password and reset link is cancelled.',
    'staff.recovery.resetHint':
      'The account returns to first-time login. All its staff roles are removed until an administrator grants them again.',
    'staff.recovery.emailSaved': 'The official email was changed to {new}.',
    'staff.recovery.resetDone':
      'The account was reset to first-time login; its staff roles (if any) were removed.',
    'staff.helpdesk.resendHeld':
      'The official email of this account was changed recently: no temporary password is sent until the cooling-off period ends.',

    'staff.action.first_time.held': 'First-time login held (email recently changed)',
    'staff.action.staff.helpdesk.email_hold_released': 'First-time login hold released by the Helpdesk',
    'staff.nav.holds': 'Email Holds',
    'staff.holds.title': 'Held First-time Logins',
    'staff.holds.lead':
      'After an official email is changed, first-time login is held for a cooling-off period so that the owner of the old address can object. Release a hold only for a genuine urgent case, after confirming with the employee in person or by a known phone number. You cannot release a hold you caused yourself.',
    'staff.holds.none': 'No first-time login is held now.',
    'staff.holds.release': 'Release Hold',
    'staff.holds.confirm':
      'Release the hold for {name}? A temporary password can then be sent to the new email at once.',
    'staff.holds.released': 'The hold was released. The employee can do first-time login now.',
    'staff.holds.notHeld': 'This employee has no hold (it may have ended or been released).',
    'staff.holds.sameActor': 'You changed this email; someone else must release the hold.',
    'staff.action.staff.admin.email_corrected': 'Official email changed by an Administrator',
    'staff.action.staff.admin.account_reset': 'Account reset by an Administrator',
    'staff.action.staff.admin.roles_dropped': 'Staff roles removed on reset',

    'staff.email.resetByAdmin.body':
      'A system administrator has reset your Portal iSPEKS account (User ID {loginId}). Your old password, security questions, image and secret phrase no longer work, and your staff roles (if any) were removed.',
    'staff.email.emailChanged.subject': 'Your official email was changed',
    'staff.email.emailChanged.by.payroll': 'the Payroll Unit of your department',
    'staff.email.emailChanged.by.admin': 'a Portal iSPEKS system administrator',
    'staff.email.emailChanged.previous':
      'The official email of IC number {maskedId} in Portal iSPEKS was changed from this address ({oldEmail}) to {newEmail} on {when} (Malaysia time) by {by}. Portal emails now go to the new address.',
    'staff.email.emailChanged.new':
      'This address ({newEmail}) is now the official email of IC number {maskedId} in Portal iSPEKS, replacing {oldEmail}, from {when} (Malaysia time), changed by {by}.',
    'staff.email.emailChanged.held':
      'For security, first-time login with the new email is held until {heldUntil}. Every session, temporary password and unused reset link has been cancelled.',
    'staff.email.emailChanged.notYou.previous':
      'If you did not expect this change, contact the Helpdesk ({helpdesk}) or the Payroll Unit of your department AT ONCE, before that time, so that your account is not taken over. Do not reply to this email.',
    'staff.email.emailChanged.notYou.new':
      'If this address does not belong to that employee, or you did not expect this email, contact the Helpdesk ({helpdesk}). Do not reply to this email.',
  },
};
