/** Profil (the account's own settings): the public API. */
export { profileMessages } from './messages.js';
export { profileRouter } from './routes.js';
export { ProfileService } from './service.js';
