/**
 * The profile changes the signed-in account's own security settings; the SQL lives with the
 * accounts' other queries in the auth feature, and every function takes the account ID and
 * filters by it inside the query.
 */
export {
  accountAnswers,
  findAccountOwner,
  listSecretImages,
  listSecurityQuestions,
  replaceAnswers,
  setNotifyPaymentStatus,
  setPassword,
  setSecret,
  type AccountOwner,
} from '../auth/queries.js';
