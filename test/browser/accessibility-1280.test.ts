/** Issue 14 item 10: axe-core over the portal's pages at 1280 px, both languages, normal and error states. */
import { accessibilitySuite } from './axe-support.js';

accessibilitySuite(1280);
