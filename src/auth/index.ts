/** Authentication (login, first-time login, activation, forgotten password): the public API. */
export { FirstTimeService, isGovernmentEmail } from './first-time-service.js';
export { normaliseLoginId } from './login-service.js';
export { authMessages } from './messages.js';
export { isGeneratedPhrase, randomPhrase } from './phrase/generator.js';
export { authRouter } from './routes.js';
export { ActivationService } from './activation-service.js';
export { LoginService } from './login-service.js';
export { ResetService } from './reset-service.js';
