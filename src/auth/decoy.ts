import { createHmac } from 'node:crypto';

const ADJECTIVES = [
  'Biru',
  'Hijau',
  'Tenang',
  'Cerah',
  'Indah',
  'Damai',
  'Gemilang',
  'Harum',
  'Sejuk',
  'Megah',
  'Riang',
  'Teguh',
];
const NOUNS = [
  'Laut',
  'Bukit',
  'Pelangi',
  'Bintang',
  'Sungai',
  'Kenanga',
  'Melati',
  'Awan',
  'Rimba',
  'Pantai',
  'Embun',
  'Cahaya',
];
const TAILS = [
  'Pagi',
  'Senja',
  'Selangor',
  'Kampung',
  'Desa',
  'Malam',
  'Pulau',
  'Tanjung',
  'Lembah',
  'Kota',
  'Muara',
  'Tasik',
];

export interface Decoy {
  phrase: string;
  imageIndex: number;
}

/**
 * A phrase and image for an ID that has no account, derived from an HMAC of the ID with a
 * server secret: the same ID always gets the same decoy, and nobody without the secret can tell
 * a decoy from a real phrase.
 */
export function decoyFor(loginId: string, secret: string, imageCount: number): Decoy {
  const mac = createHmac('sha256', secret).update(`decoy:${loginId}`).digest();
  const pick = (list: string[], byte: number) => list[mac[byte]! % list.length]!;
  return {
    phrase: `${pick(ADJECTIVES, 0)} ${pick(NOUNS, 1)} ${pick(TAILS, 2)}`,
    imageIndex: mac.readUInt16BE(3) % Math.max(1, imageCount),
  };
}
