import { randomBytes } from 'node:crypto';
import { ADJECTIVES, NOUNS, SETTINGS } from './words.js';

/**
 * The one secret-phrase generator (issue 11, item 4). Real phrases offered at activation and on
 * the profile page, the demo and scale seeds, and the decoys of unknown IDs (decoy.ts) all come
 * from `phraseFromBytes`; only the bytes differ: a CSPRNG for a real account, an HMAC of the ID
 * with DECOY_SECRET for a decoy. Someone with this source code but without the secret sees the
 * same distribution of words, lengths and images in both (test/security/decoy-phrases.test.ts).
 * A phrase a user typed themselves is not from this distribution and can stand out (SECURITY.md).
 */
export const PHRASE_SLOTS: readonly (readonly string[])[] = [NOUNS, ADJECTIVES, SETTINGS];

/** Bytes read per choice: 4 bytes, so the modulo bias is below 1 in 10^7 for lists this size. */
const BYTES_PER_CHOICE = 4;
/** Bytes one phrase and image need. */
export const PHRASE_BYTES = BYTES_PER_CHOICE * (PHRASE_SLOTS.length + 1);

export interface GeneratedPhrase {
  phrase: string;
  /** Index into the list of secret images ordered as listSecretImages returns them. */
  imageIndex: number;
}

/** The phrase and image picked by `bytes` (at least PHRASE_BYTES of them). */
export function phraseFromBytes(bytes: Uint8Array, imageCount: number): GeneratedPhrase {
  if (bytes.length < PHRASE_BYTES) throw new Error(`phraseFromBytes needs ${PHRASE_BYTES} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const choice = (i: number, n: number) => view.getUint32(i * BYTES_PER_CHOICE) % n;
  const phrase = PHRASE_SLOTS.map((list, i) => list[choice(i, list.length)]!).join(' ');
  return { phrase, imageIndex: choice(PHRASE_SLOTS.length, Math.max(1, imageCount)) };
}

/** A fresh random phrase and image for a real account (the default offered to the user). */
export function randomPhrase(imageCount: number): GeneratedPhrase {
  return phraseFromBytes(randomBytes(PHRASE_BYTES), imageCount);
}

/** A phrase from a seeded stream (demo and scale data): `next()` returns floats in [0, 1). */
export function seededPhrase(next: () => number, imageCount: number): GeneratedPhrase {
  const bytes = new Uint8Array(PHRASE_BYTES);
  for (let i = 0; i < PHRASE_BYTES; i++) bytes[i] = Math.floor(next() * 256);
  return phraseFromBytes(bytes, imageCount);
}

const SLOT_SETS = PHRASE_SLOTS.map((list) => new Set(list));

/** Whether the generator could have made this phrase (an attacker can compute this too). */
export function isGeneratedPhrase(phrase: string): boolean {
  const words = phrase.split(' ');
  return words.length === SLOT_SETS.length && words.every((w, i) => SLOT_SETS[i]!.has(w));
}
