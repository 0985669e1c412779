/**
 * The accounts module: what auth, profile and staff share about an account (its owner and
 * credentials, the password policy, the lockout, security answers, ending sessions, the account
 * emails). Other modules import it through this file only (test/architecture checks it).
 */
export { hashAnswers } from './answers.js';
export {
  activatedEmail,
  resetLinkEmail,
  securityChangeEmail,
  temporaryPasswordEmail,
  type SecurityChange,
} from './emails.js';
export {
  ANSWER_MAX,
  PHRASE_MAX,
  combine,
  keptValues,
  parseGivenAnswers,
  parseNewPassword,
  parseQuestions,
  parseSecret,
  type ChosenAnswer,
  type Parsed,
} from './forms.js';
export { LOCK_MINUTES, MAX_FAILURES } from './lockout-queries.js';
export { announceLock, claimPasswordAttempt, countFailure, isLocked, type RequestFacts } from './lockout.js';
export { PASSWORD_MAX, PASSWORD_MIN, normalisePassword } from './password-policy.js';
export {
  accountAnswers,
  findAccountOwner,
  findAccountOwnerByLoginId,
  listSecretImages,
  listSecurityQuestions,
  replaceAnswers,
  setPassword,
  setSecret,
  voidResetTokens,
  type AccountOwner,
  type SecretImage,
  type StoredAnswer,
} from './queries.js';
export {
  endOtherSessions,
  endSession,
  rotateSession,
  saveSession,
  startActivationSession,
  startAnonymousSession,
  startSignedInSession,
} from './session-control.js';
