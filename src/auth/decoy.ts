import { createHmac } from 'node:crypto';
import { phraseFromBytes, type GeneratedPhrase } from './phrase/generator.js';

export type Decoy = GeneratedPhrase;

/**
 * A phrase and image for an ID that has no account, derived from an HMAC of the ID with a
 * server secret: the same ID always gets the same decoy. It comes from the same generator as
 * the phrases offered to real users (phrase/generator.ts), so without the secret a decoy looks
 * like any real account that kept its offered phrase and image.
 */
export function decoyFor(loginId: string, secret: string, imageCount: number): Decoy {
  const mac = createHmac('sha256', secret).update(`decoy:${loginId}`).digest();
  return phraseFromBytes(mac, imageCount);
}
