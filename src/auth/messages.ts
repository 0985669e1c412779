import type { MessageSet } from '../core/i18n/index.js';

export const authMessages: MessageSet = {
  ms: {
    'auth.login.title': 'Log Masuk',
    'auth.login.id': 'ID Pengguna',
    'auth.login.idHint': 'No Kad Pengenalan (12 digit) atau ID Syarikat',
    'auth.login.next': 'Seterusnya',
    'auth.login.firstTime': 'Login Kali Pertama',
    'auth.login.forgot': 'Lupa Kata Laluan',
    'auth.login.tries':
      'Akaun akan dikunci selama 15 minit selepas 5 kali cubaan kata laluan yang salah berturut-turut.',
    'auth.login.phrase': 'Frasa Rahsia',
    'auth.login.imageAlt': 'Imej rahsia anda: {label}',
    'auth.login.checkPhrase':
      'Pastikan frasa rahsia dan imej di atas adalah pilihan anda sebelum memasukkan kata laluan.',
    'auth.login.pendingHint':
      'Akaun anda belum diaktifkan. Sila masukkan kata laluan sementara yang dihantar ke emel anda.',
    'auth.login.password': 'Kata Laluan',
    'auth.login.submit': 'Login',
    'auth.login.back': 'Kembali',
    'auth.login.errors.idRequired': 'Sila masukkan ID Pengguna.',
    'auth.login.errors.idInvalid':
      'ID Pengguna tidak sah. Masukkan No Kad Pengenalan 12 digit atau ID Syarikat.',
    'auth.login.errors.passwordRequired': 'Sila masukkan Kata Laluan.',
    'auth.login.errors.failed': 'ID Pengguna atau Kata Laluan tidak sah.',
    'auth.login.errors.locked':
      'Akaun anda telah dikunci buat sementara kerana terlalu banyak cubaan yang gagal. Sila cuba semula kemudian atau gunakan Lupa Kata Laluan.',
  },
  en: {
    'auth.login.title': 'Log In',
    'auth.login.id': 'User ID',
    'auth.login.idHint': 'IC number (12 digits) or Company ID',
    'auth.login.next': 'Next',
    'auth.login.firstTime': 'First-Time Login',
    'auth.login.forgot': 'Forgot Password',
    'auth.login.tries': 'Your account is locked for 15 minutes after 5 wrong passwords in a row.',
    'auth.login.phrase': 'Secret Phrase',
    'auth.login.imageAlt': 'Your secret image: {label}',
    'auth.login.checkPhrase':
      'Make sure the secret phrase and image above are the ones you chose before you type your password.',
    'auth.login.pendingHint':
      'Your account is not activated yet. Please type the temporary password sent to your email.',
    'auth.login.password': 'Password',
    'auth.login.submit': 'Login',
    'auth.login.back': 'Back',
    'auth.login.errors.idRequired': 'Please enter your User ID.',
    'auth.login.errors.idInvalid': 'The User ID is not valid. Enter a 12-digit IC number or a Company ID.',
    'auth.login.errors.passwordRequired': 'Please enter your Password.',
    'auth.login.errors.failed': 'The User ID or Password is not valid.',
    'auth.login.errors.locked':
      'Your account is locked for now after too many failed attempts. Please try again later or use Forgot Password.',
  },
};
