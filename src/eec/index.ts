/** eEC (Borang EC): the public API. */
export { eecMessages } from './messages.js';
export { eecRouter } from './routes.js';
