/** Health endpoints (/healthz, /readyz): the public API. */
export { healthRouter } from './routes.js';
