/**
 * Development pages (the caught-mail inbox): the public API. The development bring-up is the
 * module's other entry, src/dev/bring-up.ts, loaded by dynamic import only (it alone reaches the
 * devDependencies), so it is not re-exported here.
 */
export { devMessages } from './messages.js';
export { devRouter } from './routes.js';
