import type { MessageSet } from '../core/i18n/index.js';

export const profileMessages: MessageSet = {
  ms: {
    'profile.title': 'Profil Pengguna',
    'profile.details': 'Maklumat Pengguna',
    'profile.loginId': 'ID Pengguna',
    'profile.name': 'Nama',
    'profile.email': 'Emel',
    'profile.lastLogin': 'Log masuk terakhir',
    'profile.security': 'Keselamatan Akaun',
    'profile.securityHint': 'Setiap perubahan memerlukan kata laluan semasa dan disahkan melalui emel.',
    'profile.changePassword': 'Tukar Kata Laluan',
    'profile.changeQuestions': 'Tukar Soalan dan Jawapan Rahsia',
    'profile.changeSecret': 'Tukar Frasa Rahsia dan Imej',
    'profile.notifications': 'Notifikasi eMaklum',
    'profile.notifyPaymentStatus': 'Emelkan saya apabila status pembayaran saya berubah',
    'profile.save': 'Simpan',
    'profile.cancel': 'Batal',
    'profile.currentPassword': 'Kata Laluan Semasa',
    'profile.currentPasswordHint': 'Masukkan kata laluan semasa untuk mengesahkan perubahan ini.',
    'profile.errors.currentRequired': 'Sila masukkan Kata Laluan Semasa.',
    'profile.errors.currentWrong': 'Kata Laluan Semasa tidak betul.',
    'profile.errors.samePassword': 'Kata Laluan Baru mesti berlainan daripada kata laluan semasa.',
    'profile.done.password':
      'Kata laluan telah ditukar. Sesi lain akaun anda telah ditamatkan dan emel pengesahan telah dihantar.',
    'profile.done.questions': 'Soalan dan jawapan rahsia telah ditukar. Emel pengesahan telah dihantar.',
    'profile.done.secret': 'Frasa rahsia dan imej telah ditukar. Emel pengesahan telah dihantar.',
    'profile.done.notify': 'Tetapan notifikasi telah disimpan.',
    'profile.locked':
      'Akaun anda telah dikunci kerana terlalu banyak cubaan kata laluan yang salah. Semua sesi telah ditamatkan.',
  },
  en: {
    'profile.title': 'User Profile',
    'profile.details': 'User Details',
    'profile.loginId': 'User ID',
    'profile.name': 'Name',
    'profile.email': 'Email',
    'profile.lastLogin': 'Last login',
    'profile.security': 'Account Security',
    'profile.securityHint': 'Each change needs your current password and is confirmed by email.',
    'profile.changePassword': 'Change Password',
    'profile.changeQuestions': 'Change Security Questions and Answers',
    'profile.changeSecret': 'Change Secret Phrase and Image',
    'profile.notifications': 'eMaklum Notifications',
    'profile.notifyPaymentStatus': 'Email me when the status of my payment changes',
    'profile.save': 'Save',
    'profile.cancel': 'Cancel',
    'profile.currentPassword': 'Current Password',
    'profile.currentPasswordHint': 'Type your current password to confirm this change.',
    'profile.errors.currentRequired': 'Please enter your Current Password.',
    'profile.errors.currentWrong': 'The Current Password is not right.',
    'profile.errors.samePassword': 'The New Password must differ from the current password.',
    'profile.done.password':
      'Your password has been changed. Your other sessions have been ended and a confirmation email has been sent.',
    'profile.done.questions':
      'Your security questions and answers have been changed. A confirmation email has been sent.',
    'profile.done.secret':
      'Your secret phrase and image have been changed. A confirmation email has been sent.',
    'profile.done.notify': 'Your notification setting has been saved.',
    'profile.locked':
      'Your account has been locked after too many wrong passwords. All sessions have been ended.',
  },
};
