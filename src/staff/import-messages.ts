import type { MessageSet } from '../core/i18n/index.js';

/**
 * Texts of the payroll import's checks against the payroll record, its corrections, the
 * whole-month replace and the publication preview (issue 12). The import's older texts are in
 * messages.ts.
 */
export const importMessages: MessageSet = {
  ms: {
    'staff.import.err.kwspForPensionable':
      'Pekerja ini berpencen (Skim Persaraan: Pencen): kod {code} hanya bagi ahli KWSP.',
    'staff.import.err.pensionForKwsp':
      'Pekerja ini ahli KWSP, bukan berpencen: potongan {code} tidak boleh dikenakan.',
    'staff.import.err.payrollNoMismatch':
      'No. Gaji {found} tidak sepadan dengan No Kad Pengenalan dalam rekod gaji.',
    'staff.import.err.duplicateFile':
      'Fail ini telah diimport pada {date} (fail "{fileName}"). Fail yang sama tidak diimport dua kali.',
    'staff.import.warn.grade': 'Gred berubah daripada {from} kepada {to}.',
    'staff.import.warn.scheme': 'Skim perkhidmatan berubah daripada {from} kepada {to}.',
    'staff.import.warn.position': 'Jawatan berubah daripada "{from}" kepada "{to}".',
    'staff.import.warn.bankAccount': 'No. akaun bank berbeza daripada rekod gaji.',
    'staff.import.warn.basicPay':
      'Gaji pokok berubah daripada {from} kepada {to}, lebih daripada satu kenaikan gaji tahunan ({increment}).',
    'staff.import.warningsNotAccepted':
      'Tandakan bahawa anda telah menyemak dan menerima amaran serta pindaan di atas sebelum mengesahkan import.',
    'staff.import.monthChanged':
      'Slip gaji bulan ini telah berubah sejak semakan (contohnya telah diterbitkan). Muat naik fail sekali lagi.',
    'staff.import.committedCorrections':
      '{count} daripadanya ialah Slip Gaji Pindaan yang akan menggantikan slip yang telah diterbitkan apabila diterbitkan.',
    'staff.import.preview.effect.replaces':
      'Import ini menggantikan {count} slip gaji yang belum diterbitkan bagi pekerja dalam fail ini.',
    'staff.import.preview.effect.untouched':
      'Slip gaji pekerja lain yang tiada dalam fail ini tidak berubah.',
    'staff.import.preview.corrections.title': 'Slip Gaji Pindaan: {count} pekerja',
    'staff.import.preview.corrections.lead':
      'Slip gaji bulan ini bagi pekerja berikut telah diterbitkan. Import ini menyimpan slip gaji pindaan; apabila diterbitkan, ia menggantikan slip terdahulu (yang kekal dalam rekod) dan pekerja dimaklumkan bahawa slip telah dipinda.',
    'staff.import.preview.warnings.title': 'Amaran: {count} perubahan kepada rekod gaji',
    'staff.import.preview.warnings.lead':
      'Baris berikut mengubah rekod gaji pekerja. Semak setiap perubahan; import hanya boleh disahkan selepas anda menerimanya.',
    'staff.import.preview.warnings.change': 'Perubahan',
    'staff.import.preview.accept': 'Saya telah menyemak amaran dan pindaan di atas dan menerimanya.',
    'staff.import.whole.option': 'Pilihan: gantikan seluruh bulan jabatan',
    'staff.import.whole.lead':
      '{count} pekerja lain dalam jabatan fail ini mempunyai slip gaji yang belum diterbitkan dan TIDAK ada dalam fail ini. Secara lalai slip mereka dikekalkan. Jika anda menggantikan seluruh bulan, mereka akan kehilangan slip gaji tersebut:',
    'staff.import.whole.more': 'dan {count} lagi.',
    'staff.import.whole.button': 'Gantikan seluruh bulan ({count} pekerja kehilangan slip gaji)…',
    'staff.import.whole.title': 'Sahkan Penggantian Seluruh Bulan',
    'staff.import.whole.confirmLead':
      'Jika anda meneruskan, {count} pekerja berikut akan kehilangan slip gaji {period} yang belum diterbitkan, kerana mereka tiada dalam fail "{file}":',
    'staff.import.whole.confirm':
      'Saya faham bahawa {count} pekerja di atas akan kehilangan slip gaji yang belum diterbitkan.',
    'staff.import.whole.submit': 'Gantikan Seluruh Bulan dan Sahkan Import',
    'staff.import.whole.notConfirmed':
      'Tandakan pengesahan bahawa pekerja yang disenaraikan akan kehilangan slip gaji mereka.',
    'staff.publish.title': 'Terbitkan Slip Gaji {month} {year}',
    'staff.publish.unpublished': 'Slip gaji yang akan diterbitkan',
    'staff.publish.corrections': 'Daripadanya, Slip Gaji Pindaan',
    'staff.publish.missingCount': 'Pekerja dalam perkhidmatan tanpa slip gaji',
    'staff.publish.missingTitle': '{count} pekerja dalam perkhidmatan tiada slip gaji bagi {period}',
    'staff.publish.missingLead':
      'Pekerja berikut masih dalam perkhidmatan tetapi tiada slip gaji bagi bulan ini. Selepas penerbitan, slip mereka boleh ditambah melalui import tambahan.',
    'staff.publish.noneMissing': 'Setiap pekerja dalam perkhidmatan mempunyai slip gaji bagi bulan ini.',
    'staff.publish.submit': 'Terbitkan {count} slip gaji {period}',
    'staff.publish.superseded': '{count} slip gaji terdahulu telah digantikan oleh Slip Gaji Pindaan.',
  },
  en: {
    'staff.import.err.kwspForPensionable':
      'This employee is pensionable (retirement scheme: pension): code {code} is for KWSP members only.',
    'staff.import.err.pensionForKwsp':
      'This employee is a KWSP member, not pensionable: the {code} deduction does not apply.',
    'staff.import.err.payrollNoMismatch':
      'Payroll number {found} does not match the IC number in the payroll record.',
    'staff.import.err.duplicateFile':
      'This file was already imported on {date} (file "{fileName}"). The same file is not imported twice.',
    'staff.import.warn.grade': 'Grade changes from {from} to {to}.',
    'staff.import.warn.scheme': 'Service scheme changes from {from} to {to}.',
    'staff.import.warn.position': 'Position changes from "{from}" to "{to}".',
    'staff.import.warn.bankAccount': 'The bank account number differs from the payroll record.',
    'staff.import.warn.basicPay':
      'Basic pay changes from {from} to {to}, more than one yearly increment ({increment}).',
    'staff.import.warningsNotAccepted':
      'Tick that you have checked and accept the warnings and corrections above before confirming the import.',
    'staff.import.monthChanged':
      'This month’s payslips changed since the check (for example they were published). Upload the file again.',
    'staff.import.committedCorrections':
      '{count} of them are amended payslips that replace published ones once they are published.',
    'staff.import.preview.effect.replaces':
      'This import replaces {count} unpublished payslips of the employees in this file.',
    'staff.import.preview.effect.untouched': 'The payslips of employees not in this file do not change.',
    'staff.import.preview.corrections.title':
      'Amended payslips (Slip Gaji Pindaan): {count, plural, one {# employee} other {# employees}}',
    'staff.import.preview.corrections.lead':
      'This month’s payslips of the following employees are published. This import stores amended payslips; once published, they replace the earlier ones (which stay on record) and the employees see that the payslip was amended.',
    'staff.import.preview.warnings.title': 'Warnings: {count} changes to the payroll record',
    'staff.import.preview.warnings.lead':
      'The following rows change the employees’ payroll record. Check each change; the import can be confirmed only after you accept them.',
    'staff.import.preview.warnings.change': 'Change',
    'staff.import.preview.accept': 'I have checked the warnings and corrections above and accept them.',
    'staff.import.whole.option': 'Option: replace the department’s whole month',
    'staff.import.whole.lead':
      '{count} other employees of this file’s departments have unpublished payslips and are NOT in this file. By default their payslips are kept. If you replace the whole month, they lose those payslips:',
    'staff.import.whole.more': 'and {count} more.',
    'staff.import.whole.button':
      'Replace the whole month ({count, plural, one {# employee} other {# employees}} lose their payslip)…',
    'staff.import.whole.title': 'Confirm Replacing the Whole Month',
    'staff.import.whole.confirmLead':
      'If you go on, the following {count, plural, one {# employee} other {# employees}} lose their unpublished {period} payslip, because they are not in the file "{file}":',
    'staff.import.whole.confirm':
      'I understand that the {count, plural, one {# employee} other {# employees}} above lose their unpublished payslip.',
    'staff.import.whole.submit': 'Replace the Whole Month and Confirm the Import',
    'staff.import.whole.notConfirmed': 'Tick the confirmation that the employees listed lose their payslips.',
    'staff.publish.title': 'Publish the {month} {year} Payslips',
    'staff.publish.unpublished': 'Payslips to publish',
    'staff.publish.corrections': 'Of which amended payslips',
    'staff.publish.missingCount': 'Employees in service with no payslip',
    'staff.publish.missingTitle':
      '{count, plural, one {# employee} other {# employees}} in service have no payslip for {period}',
    'staff.publish.missingLead':
      'The following employees are in service but have no payslip for this month. After publication, their payslips can be added with a supplementary import.',
    'staff.publish.noneMissing': 'Every employee in service has a payslip for this month.',
    'staff.publish.submit': 'Publish {count, plural, one {# payslip} other {# payslips}} for {period}',
    'staff.publish.superseded': '{count} earlier payslips were replaced by amended payslips.',
  },
};
