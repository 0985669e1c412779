import { pino, type Logger } from 'pino';

/** Paths never written to logs: credentials, answers, tokens and cookies. */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.confirmPassword',
  '*.currentPassword',
  '*.answer1',
  '*.answer2',
  '*.answer3',
  '*._csrf',
  '*.token',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[REDACTED]' } });
}
