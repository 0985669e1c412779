/** Authentication (login, first-time login, activation, forgotten password): the public API. */
export { FirstTimeService, isGovernmentEmail } from './first-time-service.js';
export { normaliseLoginId } from './login-service.js';
export { authMessages } from './messages.js';
export { isGeneratedPhrase, randomPhrase } from './phrase/generator.js';
export { authRouter } from './routes.js';
