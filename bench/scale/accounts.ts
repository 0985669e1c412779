import { seededPhrase, type GeneratedPhrase } from '../../src/auth/phrase/generator.js';
import { Rng } from '../../seeds/random.js';

/** The credentials of every account that seed:scale creates (one argon2id hash shared by all). */
export const SCALE_PASSWORD = 'Skala-Negeri-Selangor-2026';
/** The normalised answer to each of the three security questions of every scale account. */
export const SCALE_ANSWER = 'nasi lemak';

/**
 * The secret phrase and image (index into the catalogue's images) of scale account `accountId`:
 * from the portal's one phrase generator, as a user who kept the offered phrase has (issue 11,
 * item 4), deterministic so that every `npm run seed:scale` makes the same data.
 */
export function scaleSecret(accountId: number, imageCount: number): GeneratedPhrase {
  const rng = new Rng(`scale-phrase:${accountId}`);
  return seededPhrase(() => rng.float(), imageCount);
}
