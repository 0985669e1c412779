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
    'auth.login.exit': 'Keluar',
    'auth.login.slogan': 'Excellent Accounting @ Your Service',
    'auth.login.returnTo':
      'Sila log masuk untuk membuka halaman yang anda minta. Selepas log masuk, anda akan dibawa ke halaman tersebut.',
    'auth.login.temporaryAgain': 'Mohon kata laluan sementara yang baru melalui',
    'auth.login.errors.temporaryExpired':
      'Kata laluan sementara ini telah tamat tempoh. Sila mohon yang baru melalui Login Kali Pertama.',
    'auth.login.errors.temporaryReplaced':
      'Kata laluan sementara ini telah diganti dengan yang lebih baru. Gunakan kata laluan dalam emel terkini, atau mohon yang baru melalui Login Kali Pertama.',
    'auth.login.errors.idRequired': 'Sila masukkan ID Pengguna.',
    'auth.login.errors.idInvalid':
      'ID Pengguna tidak sah. Masukkan No Kad Pengenalan 12 digit atau ID Syarikat.',
    'auth.login.errors.passwordRequired': 'Sila masukkan Kata Laluan.',
    'auth.login.errors.failed': 'ID Pengguna atau Kata Laluan tidak sah.',
    'auth.login.errors.locked':
      'Akaun anda telah dikunci buat sementara kerana terlalu banyak cubaan yang gagal. Sila cuba semula kemudian atau gunakan Lupa Kata Laluan.',
    'auth.logout.done': 'Anda telah log keluar.',

    'auth.firstTime.title': 'Pengaktifan ID Pengguna',
    'auth.firstTime.section': 'Maklumat ID Pengguna',
    'auth.firstTime.note': 'No Kad Pengenalan akan digunakan sebagai ID Pengguna. Contoh : 610512067890',
    'auth.firstTime.idNo': 'No Pengenalan / ID Syarikat',
    'auth.firstTime.email': 'Emel',
    'auth.firstTime.emailHint':
      'Emel rasmi kerajaan seperti yang direkodkan oleh Unit Gaji (syarikat: emel yang didaftarkan).',
    'auth.firstTime.submit': 'Hantar',
    'auth.firstTime.reset': 'Isi Semula',
    'auth.firstTime.exit': 'Keluar',
    'auth.firstTime.sent': 'Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.',
    'auth.firstTime.checkEmail': 'Semak pada emel untuk mendapatkan kata laluan sementara',
    'auth.firstTime.next': 'Seterusnya',
    'auth.firstTime.mismatch':
      'Maklumat yang dimasukkan tidak sepadan dengan rekod. Sila semak dengan Unit Gaji jabatan anda bahawa No Kad Pengenalan adalah betul dan emel rasmi telah dikemaskini di dalam modul gaji. Bagi syarikat, sila semak ID Syarikat dan emel yang didaftarkan dengan Perbendaharaan Negeri.',
    'auth.firstTime.active':
      'ID Pengguna ini telah diaktifkan. Jika anda terlupa kata laluan, sila gunakan Lupa Kata Laluan.',
    'auth.firstTime.held':
      'Emel rasmi bagi ID ini baru sahaja ditukar. Demi keselamatan, kata laluan sementara tidak dihantar sehingga {until}; pemilik emel lama telah dimaklumkan tentang pertukaran ini. Sila cuba semula selepas masa itu. Jika anda tidak meminta pertukaran ini, atau perkara ini segera, hubungi Helpdesk ({helpdesk}).',
    'auth.firstTime.errors.idRequired': 'Sila masukkan No Pengenalan / ID Syarikat.',
    'auth.firstTime.errors.tooLong': 'No Pengenalan / ID Syarikat terlalu panjang (maksimum 30 aksara).',
    'auth.firstTime.errors.icDigits':
      'No Kad Pengenalan hanya boleh mengandungi nombor (tanda - dibenarkan), atau masukkan ID Syarikat yang sah.',
    'auth.firstTime.errors.icLength': 'No Kad Pengenalan mesti mengandungi 12 digit.',
    'auth.firstTime.errors.icDate':
      'No Kad Pengenalan tidak sah: 6 digit pertama mestilah tarikh lahir yang wujud (YYMMDD).',
    'auth.firstTime.errors.emailRequired': 'Sila masukkan Emel.',
    'auth.firstTime.errors.emailInvalid': 'Emel tidak sah. Contoh: nama@selangor.gov.my',
    'auth.firstTime.errors.emailTooLong': 'Emel terlalu panjang (maksimum 254 aksara).',
    'auth.firstTime.errors.emailNotGov':
      'Sila gunakan emel rasmi kerajaan (berakhir dengan {domains}). Emel peribadi tidak diterima.',

    'auth.activation.title': 'Maklumat Pendaftaran Baru',
    'auth.activation.userSection': 'Maklumat Pengguna',
    'auth.activation.loginId': 'ID Pengguna',
    'auth.activation.name': 'Nama',
    'auth.activation.email': 'Emel',
    'auth.activation.submit': 'Aktif',
    'auth.activation.done': 'Pengaktifan berjaya. Sila log masuk semula dengan kata laluan baru anda.',
    'auth.activation.temporaryGone':
      'Kata laluan sementara anda telah tamat tempoh atau diganti dengan yang baru. Sila mohon yang baru melalui Login Kali Pertama.',
    'auth.activation.welcome': 'Pendaftaran telah berjaya',

    'auth.password.section': 'Maklumat Kata Laluan',
    'auth.password.new': 'Kata Laluan Baru',
    'auth.password.confirm': 'Sah Kata Laluan Baru',
    'auth.password.policy':
      'Sekurang-kurangnya {min} aksara (maksimum {max}). Tiada syarat huruf besar, nombor atau simbol: satu frasa yang panjang dan mudah diingati adalah terbaik. Kata laluan yang biasa digunakan, atau yang mengandungi No Kad Pengenalan, nama atau emel anda, tidak diterima.',
    'auth.password.show': 'Papar',
    'auth.password.hide': 'Sembunyi',
    'auth.password.errors.required': 'Sila masukkan Kata Laluan Baru.',
    'auth.password.errors.tooShort': 'Kata Laluan Baru mesti sekurang-kurangnya {min} aksara.',
    'auth.password.errors.tooLong': 'Kata Laluan Baru tidak boleh melebihi {max} aksara.',
    'auth.password.errors.common':
      'Kata laluan ini terlalu biasa digunakan dan mudah diteka. Sila pilih kata laluan lain.',
    'auth.password.errors.containsIc':
      'Kata laluan tidak boleh mengandungi No Kad Pengenalan atau ID Pengguna anda.',
    'auth.password.errors.containsName': 'Kata laluan tidak boleh mengandungi sebahagian daripada nama anda.',
    'auth.password.errors.containsEmail': 'Kata laluan tidak boleh mengandungi alamat emel anda.',
    'auth.password.errors.confirmRequired': 'Sila masukkan Sah Kata Laluan Baru.',
    'auth.password.errors.mismatch': 'Sah Kata Laluan Baru tidak sama dengan Kata Laluan Baru.',

    'auth.questions.section': 'Soalan dan Jawapan Rahsia',
    'auth.questions.hint':
      'Pilih tiga soalan yang berlainan. Jawapan tidak membezakan huruf besar atau kecil dan jarak antara perkataan.',
    'auth.questions.question': 'Soalan {n}',
    'auth.questions.answer': 'Jawapan {n}',
    'auth.questions.choose': '-- Sila Pilih --',
    'auth.questions.errors.questionRequired': 'Sila pilih Soalan {n}.',
    'auth.questions.errors.questionDuplicate': 'Sila pilih tiga soalan yang berlainan.',
    'auth.questions.errors.answerRequired': 'Sila masukkan Jawapan {n}.',
    'auth.questions.errors.answerTooShort': 'Jawapan {n} mesti sekurang-kurangnya 2 aksara.',
    'auth.questions.errors.answerTooLong': 'Jawapan {n} tidak boleh melebihi {max} aksara.',
    'auth.questions.errors.answerDuplicate': 'Setiap jawapan mesti berlainan.',

    'auth.secret.imageSection': 'Imej Online',
    'auth.secret.imageHint': 'Pilih satu imej. Imej ini akan dipaparkan setiap kali anda log masuk.',
    'auth.secret.phrase': 'Frasa Rahsia',
    'auth.secret.phraseHint':
      'Frasa ini dipaparkan sebelum anda memasukkan kata laluan, supaya anda tahu laman ini tulen (maksimum {max} aksara). Jangan gunakan kata laluan anda.',
    'auth.secret.phraseGenerated':
      'Frasa yang diisi dijana secara rawak oleh sistem. Kami syorkan anda mengekalkannya: frasa yang ditaip sendiri lebih mudah dikenal pasti oleh penipu yang meniru laman ini.',
    'auth.secret.errors.imageRequired': 'Sila pilih satu imej.',
    'auth.secret.errors.phraseRequired': 'Sila masukkan Frasa Rahsia.',
    'auth.secret.errors.phraseTooShort': 'Frasa Rahsia mesti sekurang-kurangnya 3 aksara.',
    'auth.secret.errors.phraseTooLong': 'Frasa Rahsia tidak boleh melebihi {max} aksara.',
    'auth.secret.errors.phraseInvalid': 'Frasa Rahsia mengandungi aksara yang tidak dibenarkan.',

    'auth.forgot.title': 'Lupa Kata Laluan',
    'auth.forgot.intro':
      'Masukkan ID Pengguna dan emel yang didaftarkan. Jika maklumat sepadan, satu pautan untuk menetapkan semula kata laluan akan dihantar ke emel tersebut.',
    'auth.forgot.email': 'Emel',
    'auth.forgot.submit': 'Hantar',
    'auth.forgot.exit': 'Keluar',
    'auth.forgot.sent':
      'Jika ID Pengguna dan emel yang dimasukkan sepadan dengan akaun yang aktif, satu pautan untuk menetapkan semula kata laluan telah dihantar ke emel tersebut. Pautan ini sah selama 1 jam dan hanya boleh digunakan sekali.',
    'auth.forgot.backToLogin': 'Kembali ke Log Masuk',
    'auth.forgot.linkInvalid':
      'Pautan ini tidak sah, telah digunakan atau telah tamat tempoh. Sila mohon pautan baru melalui Lupa Kata Laluan.',
    'auth.forgot.again': 'Mohon pautan baru',
    'auth.forgot.questionsTitle': 'Soalan Keselamatan',
    'auth.forgot.questionsIntro': 'Jawab ketiga-tiga soalan rahsia yang anda pilih semasa pendaftaran.',
    'auth.forgot.answersWrong': 'Jawapan yang dimasukkan tidak sepadan dengan rekod. Sila cuba lagi.',
    'auth.forgot.answersVoided':
      'Jawapan yang dimasukkan tidak sepadan dengan rekod dan terlalu banyak cubaan telah dibuat. Pautan ini tidak lagi sah; sila mohon pautan baru.',
    'auth.forgot.continue': 'Seterusnya',
    'auth.forgot.newTitle': 'Tetapkan Kata Laluan Baru',
    'auth.forgot.save': 'Simpan',
    'auth.forgot.done':
      'Kata laluan anda telah ditukar dan semua sesi akaun anda telah ditamatkan. Sila log masuk dengan kata laluan baru.',
    'auth.forgot.errors.emailRequired': 'Sila masukkan Emel.',
    'auth.forgot.errors.emailInvalid': 'Emel tidak sah.',
    'auth.forgot.confirmTitle': 'Tamatkan sesi semasa?',
    'auth.forgot.confirmText':
      'Anda sedang log masuk. Pautan tetapan semula kata laluan ini akan menamatkan sesi semasa anda. Teruskan hanya jika anda sendiri yang meminta pautan ini melalui Lupa Kata Laluan.',
    'auth.forgot.confirmContinue': 'Tamatkan sesi dan teruskan',
    'auth.forgot.confirmCancel': 'Batal',
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
    'auth.login.exit': 'Exit',
    'auth.login.slogan': 'Excellent Accounting @ Your Service',
    'auth.login.returnTo':
      'Please log in to open the page you asked for. After logging in you will be taken to it.',
    'auth.login.temporaryAgain': 'Ask for a new temporary password through',
    'auth.login.errors.temporaryExpired':
      'This temporary password has expired. Please ask for a new one through First-Time Login.',
    'auth.login.errors.temporaryReplaced':
      'This temporary password was replaced by a newer one. Use the password in the latest email, or ask for a new one through First-Time Login.',
    'auth.login.errors.idRequired': 'Please enter your User ID.',
    'auth.login.errors.idInvalid': 'The User ID is not valid. Enter a 12-digit IC number or a Company ID.',
    'auth.login.errors.passwordRequired': 'Please enter your Password.',
    'auth.login.errors.failed': 'The User ID or Password is not valid.',
    'auth.login.errors.locked':
      'Your account is locked for now after too many failed attempts. Please try again later or use Forgot Password.',
    'auth.logout.done': 'You have logged out.',

    'auth.firstTime.title': 'User ID Activation',
    'auth.firstTime.section': 'User ID Details',
    'auth.firstTime.note': 'Your IC number will be your User ID. Example : 610512067890',
    'auth.firstTime.idNo': 'IC Number / Company ID',
    'auth.firstTime.email': 'Email',
    'auth.firstTime.emailHint':
      'Your official government email as recorded by the Payroll Unit (companies: the registered email).',
    'auth.firstTime.submit': 'Submit',
    'auth.firstTime.reset': 'Clear',
    'auth.firstTime.exit': 'Exit',
    'auth.firstTime.sent': 'Your user details have been sent to your registered email.',
    'auth.firstTime.checkEmail': 'Check your email for the temporary password',
    'auth.firstTime.next': 'Next',
    'auth.firstTime.mismatch':
      'The details entered do not match our records. Please check with the Payroll Unit (Unit Gaji) of your department that your IC number is right and your official email is updated in the payroll module. Companies: please check the Company ID and the email registered with the State Treasury.',
    'auth.firstTime.active':
      'This User ID is already activated. If you have forgotten your password, please use Forgot Password.',
    'auth.firstTime.held':
      'The official email of this ID was changed only recently. For your security no temporary password is sent until {until}; the previous address has been told of the change. Please try again after that time. If you did not ask for this change, or if it is urgent, contact the Helpdesk ({helpdesk}).',
    'auth.firstTime.errors.idRequired': 'Please enter your IC Number / Company ID.',
    'auth.firstTime.errors.tooLong': 'The IC Number / Company ID is too long (at most 30 characters).',
    'auth.firstTime.errors.icDigits':
      'An IC number may contain digits only (dashes are allowed), or enter a valid Company ID.',
    'auth.firstTime.errors.icLength': 'An IC number has 12 digits.',
    'auth.firstTime.errors.icDate':
      'The IC number is not valid: its first 6 digits must be a real date of birth (YYMMDD).',
    'auth.firstTime.errors.emailRequired': 'Please enter your Email.',
    'auth.firstTime.errors.emailInvalid': 'The email is not valid. Example: name@selangor.gov.my',
    'auth.firstTime.errors.emailTooLong': 'The email is too long (at most 254 characters).',
    'auth.firstTime.errors.emailNotGov':
      'Please use your official government email (ending in {domains}). Personal emails are not accepted.',

    'auth.activation.title': 'New Registration Details',
    'auth.activation.userSection': 'User Details',
    'auth.activation.loginId': 'User ID',
    'auth.activation.name': 'Name',
    'auth.activation.email': 'Email',
    'auth.activation.submit': 'Activate',
    'auth.activation.done': 'Activation completed. Please log in again with your new password.',
    'auth.activation.temporaryGone':
      'Your temporary password has expired or was replaced by a newer one. Please ask for a new one through First-Time Login.',
    'auth.activation.welcome': 'Registration completed successfully',

    'auth.password.section': 'Password Details',
    'auth.password.new': 'New Password',
    'auth.password.confirm': 'Confirm New Password',
    'auth.password.policy':
      'At least {min} characters (at most {max}). No rules about capitals, digits or symbols: a long phrase you can remember is best. Common passwords, and passwords that contain your IC number, name or email, are refused.',
    'auth.password.show': 'Show',
    'auth.password.hide': 'Hide',
    'auth.password.errors.required': 'Please enter a New Password.',
    'auth.password.errors.tooShort': 'The New Password must have at least {min} characters.',
    'auth.password.errors.tooLong': 'The New Password may have at most {max} characters.',
    'auth.password.errors.common': 'This password is too common and easy to guess. Please choose another.',
    'auth.password.errors.containsIc': 'The password may not contain your IC number or User ID.',
    'auth.password.errors.containsName': 'The password may not contain a part of your name.',
    'auth.password.errors.containsEmail': 'The password may not contain your email address.',
    'auth.password.errors.confirmRequired': 'Please confirm the New Password.',
    'auth.password.errors.mismatch': 'The confirmation does not match the New Password.',

    'auth.questions.section': 'Security Questions and Answers',
    'auth.questions.hint':
      'Choose three different questions. Answers ignore capital letters and the spacing between words.',
    'auth.questions.question': 'Question {n}',
    'auth.questions.answer': 'Answer {n}',
    'auth.questions.choose': '-- Please Choose --',
    'auth.questions.errors.questionRequired': 'Please choose Question {n}.',
    'auth.questions.errors.questionDuplicate': 'Please choose three different questions.',
    'auth.questions.errors.answerRequired': 'Please enter Answer {n}.',
    'auth.questions.errors.answerTooShort': 'Answer {n} must have at least 2 characters.',
    'auth.questions.errors.answerTooLong': 'Answer {n} may have at most {max} characters.',
    'auth.questions.errors.answerDuplicate': 'Each answer must be different.',

    'auth.secret.imageSection': 'Online Image',
    'auth.secret.imageHint': 'Choose one image. It is shown every time you log in.',
    'auth.secret.phrase': 'Secret Phrase',
    'auth.secret.phraseHint':
      'This phrase is shown before you type your password, so that you know the site is genuine (at most {max} characters). Do not use your password.',
    'auth.secret.phraseGenerated':
      'The phrase filled in was generated at random by the system. We recommend keeping it: a phrase you type yourself is easier to single out for a fraudster copying this site.',
    'auth.secret.errors.imageRequired': 'Please choose an image.',
    'auth.secret.errors.phraseRequired': 'Please enter a Secret Phrase.',
    'auth.secret.errors.phraseTooShort': 'The Secret Phrase must have at least 3 characters.',
    'auth.secret.errors.phraseTooLong': 'The Secret Phrase may have at most {max} characters.',
    'auth.secret.errors.phraseInvalid': 'The Secret Phrase contains characters that are not allowed.',

    'auth.forgot.title': 'Forgot Password',
    'auth.forgot.intro':
      'Enter your User ID and registered email. If they match, a link to reset your password is sent to that email.',
    'auth.forgot.email': 'Email',
    'auth.forgot.submit': 'Submit',
    'auth.forgot.exit': 'Exit',
    'auth.forgot.sent':
      'If the User ID and email match an active account, a link to reset the password has been sent to that email. The link is valid for 1 hour and can be used once only.',
    'auth.forgot.backToLogin': 'Back to Log In',
    'auth.forgot.linkInvalid':
      'This link is not valid, has been used or has expired. Please ask for a new link with Forgot Password.',
    'auth.forgot.again': 'Ask for a new link',
    'auth.forgot.questionsTitle': 'Security Questions',
    'auth.forgot.questionsIntro': 'Answer the three security questions you chose when you registered.',
    'auth.forgot.answersWrong': 'The answers entered do not match our records. Please try again.',
    'auth.forgot.answersVoided':
      'The answers entered do not match our records and too many attempts were made. This link is no longer valid; please ask for a new one.',
    'auth.forgot.continue': 'Next',
    'auth.forgot.newTitle': 'Set a New Password',
    'auth.forgot.save': 'Save',
    'auth.forgot.done':
      'Your password has been changed and every session of your account has been ended. Please log in with your new password.',
    'auth.forgot.errors.emailRequired': 'Please enter your Email.',
    'auth.forgot.errors.emailInvalid': 'The email is not valid.',
    'auth.forgot.confirmTitle': 'End the current session?',
    'auth.forgot.confirmText':
      'You are signed in. This password reset link will end your current session. Continue only if you asked for this link yourself through Forgot Password.',
    'auth.forgot.confirmContinue': 'End the session and continue',
    'auth.forgot.confirmCancel': 'Cancel',
  },
};
