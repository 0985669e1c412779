/**
 * The emails about an account (activation, temporary password, lock, reset link, security change). Each is bilingual (Malay, then English), plain text
 * plus HTML, and says what to do next. None carries a name, salary or any other personal data:
 * the temporary-password email holds only the ID and the temporary password.
 */
import { escapeHtml, twoLanguageEmail, type EmailContent } from '../core/mail/compose.js';
import { markSecret } from '../core/mail/secrets.js';

export type { EmailContent } from '../core/mail/compose.js';

interface Paragraph {
  ms: string;
  en: string;
}

/** A value shown on a line of its own (ID, password, link), kept verbatim in both parts. */
interface Field {
  label: Paragraph;
  value: string;
  link?: boolean;
  /** A temporary password or a reset link: removed from the outbox once sent (core/mail/secrets.ts). */
  secret?: boolean;
}

interface Body {
  subject: Paragraph;
  before: Paragraph[];
  fields?: Field[];
  after: Paragraph[];
  helpdesk: string;
}

const footer = (helpdesk: string): Paragraph => ({
  ms: `Emel ini dihantar secara automatik oleh Portal iSPEKS; sila jangan balas. Bantuan Helpdesk: ${helpdesk}`,
  en: `This email was sent automatically by Portal iSPEKS; please do not reply. Helpdesk: ${helpdesk}`,
});

function compose(body: Body): EmailContent {
  const part = (lang: 'ms' | 'en') => {
    const lines: string[] = [];
    for (const p of body.before) lines.push(p[lang], '');
    for (const f of body.fields ?? [])
      lines.push(`${f.label[lang]}: ${f.secret ? markSecret(f.value) : f.value}`);
    if (body.fields?.length) lines.push('');
    for (const p of body.after) lines.push(p[lang], '');
    lines.push(footer(body.helpdesk)[lang]);
    return lines.join('\n');
  };
  const htmlPart = (lang: 'ms' | 'en') => {
    const out: string[] = [`<div lang="${lang}">`];
    for (const p of body.before) out.push(`<p>${escapeHtml(p[lang])}</p>`);
    if (body.fields?.length) {
      out.push('<table role="presentation" cellpadding="4">');
      for (const f of body.fields) {
        const shown = f.secret ? markSecret(escapeHtml(f.value)) : escapeHtml(f.value);
        const value = f.link ? `<a href="${shown}">${shown}</a>` : `<strong><code>${shown}</code></strong>`;
        out.push(`<tr><td>${escapeHtml(f.label[lang])}:</td><td>${value}</td></tr>`);
      }
      out.push('</table>');
    }
    for (const p of body.after) out.push(`<p>${escapeHtml(p[lang])}</p>`);
    out.push(`<p><small>${escapeHtml(footer(body.helpdesk)[lang])}</small></p></div>`);
    return out.join('\n');
  };
  return twoLanguageEmail(body.subject, part, htmlPart);
}

const ID_LABEL: Paragraph = { ms: 'ID Pengguna', en: 'User ID' };

export function temporaryPasswordEmail(p: {
  loginId: string;
  temporaryPassword: string;
  hours: number;
  loginUrl: string;
  helpdesk: string;
}): EmailContent {
  return compose({
    subject: { ms: 'Kata laluan sementara', en: 'Temporary password' },
    before: [
      {
        ms: 'Permohonan Login Kali Pertama anda telah diterima. Berikut ialah ID Pengguna dan kata laluan sementara anda:',
        en: 'Your first-time login request has been received. Here are your User ID and temporary password:',
      },
    ],
    fields: [
      { label: ID_LABEL, value: p.loginId },
      {
        label: { ms: 'Kata laluan sementara', en: 'Temporary password' },
        value: p.temporaryPassword,
        secret: true,
      },
    ],
    after: [
      {
        ms: `Langkah seterusnya: buka ${p.loginUrl}, masukkan ID Pengguna, tekan "Seterusnya", kemudian masukkan kata laluan sementara ini dan tekan "Login". Anda akan diminta melengkapkan Maklumat Pendaftaran Baru (kata laluan baru, soalan rahsia, imej dan frasa rahsia).`,
        en: `Next step: open ${p.loginUrl}, type your User ID, press "Next", then type this temporary password and press "Login". You will be asked to complete the new registration details (new password, security questions, image and secret phrase).`,
      },
      {
        ms: `Kata laluan sementara ini sah sehingga anda selesai mengaktifkan akaun, dan tamat tempoh selepas ${p.hours} jam. Jika anda memohon semula, kata laluan sementara yang lama tidak lagi sah.`,
        en: `This temporary password is valid until you finish activating your account, and expires after ${p.hours} ${p.hours === 1 ? 'hour' : 'hours'}. If you ask again, the old temporary password is no longer valid.`,
      },
      {
        ms: 'Jika anda tidak membuat permohonan ini, abaikan emel ini.',
        en: 'If you did not ask for this, ignore this email.',
      },
    ],
    helpdesk: p.helpdesk,
  });
}

export function activatedEmail(p: { loginId: string; loginUrl: string; helpdesk: string }): EmailContent {
  return compose({
    subject: { ms: 'Pendaftaran telah berjaya', en: 'Registration completed' },
    before: [
      {
        ms: 'ID Pengguna anda telah diaktifkan dengan kata laluan, soalan rahsia, imej dan frasa rahsia yang anda pilih.',
        en: 'Your User ID has been activated with the password, security questions, image and secret phrase you chose.',
      },
    ],
    fields: [{ label: ID_LABEL, value: p.loginId }],
    after: [
      {
        ms: `Langkah seterusnya: log masuk di ${p.loginUrl} dengan kata laluan baru anda. Jika anda tidak melakukan pengaktifan ini, hubungi Helpdesk dengan segera.`,
        en: `Next step: log in at ${p.loginUrl} with your new password. If you did not do this activation, contact the Helpdesk at once.`,
      },
    ],
    helpdesk: p.helpdesk,
  });
}

export function accountLockedEmail(p: {
  minutes: number;
  forgotUrl: string;
  helpdesk: string;
}): EmailContent {
  return compose({
    subject: { ms: 'Akaun dikunci sementara', en: 'Account temporarily locked' },
    before: [
      {
        ms: `Akaun Portal iSPEKS anda telah dikunci selama ${p.minutes} minit selepas 5 cubaan kata laluan atau jawapan rahsia yang salah berturut-turut.`,
        en: `Your Portal iSPEKS account has been locked for ${p.minutes} ${p.minutes === 1 ? 'minute' : 'minutes'} after 5 wrong passwords or security answers in a row.`,
      },
    ],
    after: [
      {
        ms: `Langkah seterusnya: tunggu sehingga tempoh ini tamat dan log masuk semula, atau tetapkan semula kata laluan melalui Lupa Kata Laluan (${p.forgotUrl}), yang boleh digunakan walaupun akaun dikunci. Jika bukan anda yang mencuba, tetapkan semula kata laluan anda dan maklumkan kepada Helpdesk.`,
        en: `Next step: wait until this time has passed and log in again, or reset your password with Forgot Password (${p.forgotUrl}), which works even while the account is locked. If it was not you, reset your password and tell the Helpdesk.`,
      },
    ],
    helpdesk: p.helpdesk,
  });
}

export function resetLinkEmail(p: { link: string; helpdesk: string }): EmailContent {
  return compose({
    subject: { ms: 'Tetapan semula kata laluan', en: 'Password reset' },
    before: [
      {
        ms: 'Kami menerima permohonan Lupa Kata Laluan bagi akaun Portal iSPEKS anda.',
        en: 'We received a Forgot Password request for your Portal iSPEKS account.',
      },
    ],
    fields: [{ label: { ms: 'Pautan', en: 'Link' }, value: p.link, link: true, secret: true }],
    after: [
      {
        ms: 'Langkah seterusnya: buka pautan di atas, jawab soalan rahsia anda dan tetapkan kata laluan baru. Pautan ini sah selama 1 jam dan hanya boleh digunakan sekali.',
        en: 'Next step: open the link above, answer your security questions and set a new password. The link is valid for 1 hour and can be used once only.',
      },
      {
        ms: 'Jika anda tidak membuat permohonan ini, abaikan emel ini; kata laluan anda tidak berubah.',
        en: 'If you did not ask for this, ignore this email; your password has not changed.',
      },
    ],
    helpdesk: p.helpdesk,
  });
}

export type SecurityChange = 'password' | 'passwordReset' | 'questions' | 'secret';

const CHANGE_TEXT: Record<SecurityChange, { subject: Paragraph; body: Paragraph }> = {
  password: {
    subject: { ms: 'Kata laluan telah ditukar', en: 'Password changed' },
    body: {
      ms: 'Kata laluan akaun Portal iSPEKS anda telah ditukar melalui halaman Profil. Sesi lain akaun anda telah ditamatkan.',
      en: 'The password of your Portal iSPEKS account was changed on the Profile page. Your other sessions have been ended.',
    },
  },
  passwordReset: {
    subject: { ms: 'Kata laluan telah ditetapkan semula', en: 'Password reset' },
    body: {
      ms: 'Kata laluan akaun Portal iSPEKS anda telah ditetapkan semula melalui Lupa Kata Laluan. Semua sesi akaun anda telah ditamatkan.',
      en: 'The password of your Portal iSPEKS account was reset with Forgot Password. All sessions of your account have been ended.',
    },
  },
  questions: {
    subject: { ms: 'Soalan rahsia telah ditukar', en: 'Security questions changed' },
    body: {
      ms: 'Soalan dan jawapan rahsia akaun Portal iSPEKS anda telah ditukar melalui halaman Profil.',
      en: 'The security questions and answers of your Portal iSPEKS account were changed on the Profile page.',
    },
  },
  secret: {
    subject: { ms: 'Frasa rahsia dan imej telah ditukar', en: 'Secret phrase and image changed' },
    body: {
      ms: 'Frasa rahsia dan imej akaun Portal iSPEKS anda telah ditukar melalui halaman Profil. Ia akan dipaparkan pada log masuk seterusnya.',
      en: 'The secret phrase and image of your Portal iSPEKS account were changed on the Profile page. They will be shown at your next login.',
    },
  },
};

/** Confirms a change of password, questions or phrase and image to the account's owner. */
export function securityChangeEmail(p: {
  change: SecurityChange;
  loginUrl: string;
  helpdesk: string;
}): EmailContent {
  const c = CHANGE_TEXT[p.change];
  return compose({
    subject: c.subject,
    before: [c.body],
    after: [
      {
        ms: `Jika anda yang membuat perubahan ini, tiada tindakan lanjut diperlukan. Jika bukan anda, tetapkan semula kata laluan dengan segera melalui Lupa Kata Laluan di ${p.loginUrl} dan maklumkan kepada Helpdesk.`,
        en: `If you made this change, nothing more is needed. If you did not, reset your password at once with Forgot Password at ${p.loginUrl} and tell the Helpdesk.`,
      },
    ],
    helpdesk: p.helpdesk,
  });
}
