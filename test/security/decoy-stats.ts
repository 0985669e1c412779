/**
 * The attacker of issue 11, item 4, written from the source code: features anyone can compute
 * from a phrase and its image (is it a phrase the generator can make, word count, length, image,
 * which word of each slot), a chi-square test of homogeneity per feature, and a naive Bayes
 * classifier trained on labelled samples. Used by decoy-phrases.test.ts.
 */
import { isGeneratedPhrase, PHRASE_SLOTS } from '../../src/auth/phrase/generator.js';

export interface Sample {
  phrase: string;
  imageIndex: number;
}

export type Features = Record<string, string>;

/** Everything the attacker can read off a phrase and image without the secret. */
export function features(s: Sample): Features {
  const words = s.phrase.split(/\s+/);
  const f: Features = {
    generated: String(isGeneratedPhrase(s.phrase)),
    words: String(Math.min(words.length, 8)),
    length: String(Math.min(Math.floor(s.phrase.length / 3), 15)),
    image: String(s.imageIndex),
  };
  // Which word of each slot, in 12 buckets (its position in the list modulo 12): a skew towards
  // some words (users re-rolling, a biased generator) shows up here.
  PHRASE_SLOTS.forEach((list, i) => {
    const at = list.indexOf(words[i] ?? '');
    f[`slot${i}`] = at < 0 ? 'none' : String(at % 12);
  });
  return f;
}

/**
 * Pearson's chi-square test of homogeneity of one feature between two samples; categories seen
 * fewer than 5 times in all are pooled. Returns the statistic, the degrees of freedom and the
 * critical value at significance 0.001 (Wilson–Hilferty approximation).
 */
export function chiSquare(
  a: Features[],
  b: Features[],
  key: string,
): { stat: number; df: number; critical: number } {
  const count = (rows: Features[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r[key]!, (m.get(r[key]!) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const cats = new Map<string, [number, number]>();
  let rare: [number, number] = [0, 0];
  for (const k of new Set([...ca.keys(), ...cb.keys()])) {
    const pair: [number, number] = [ca.get(k) ?? 0, cb.get(k) ?? 0];
    if (pair[0] + pair[1] < 5) rare = [rare[0] + pair[0], rare[1] + pair[1]];
    else cats.set(k, pair);
  }
  if (rare[0] + rare[1] > 0) cats.set('(rare)', rare);
  const na = a.length;
  const nb = b.length;
  let stat = 0;
  for (const [x, y] of cats.values()) {
    const total = x + y;
    const ea = (total * na) / (na + nb);
    const eb = (total * nb) / (na + nb);
    stat += (x - ea) ** 2 / ea + (y - eb) ** 2 / eb;
  }
  const df = Math.max(1, cats.size - 1);
  const z = 3.09; // one-sided 0.001
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { stat, df, critical };
}

/** Naive Bayes over the features, Laplace-smoothed: the attacker's best simple classifier. */
export function trainNaiveBayes(real: Features[], decoy: Features[]): (f: Features) => 'real' | 'decoy' {
  const tables = (rows: Features[]) => {
    const t = new Map<string, Map<string, number>>();
    for (const r of rows)
      for (const [k, v] of Object.entries(r)) {
        const m = t.get(k) ?? new Map<string, number>();
        m.set(v, (m.get(v) ?? 0) + 1);
        t.set(k, m);
      }
    return t;
  };
  const tr = tables(real);
  const td = tables(decoy);
  const logLikelihood = (t: Map<string, Map<string, number>>, n: number, f: Features) => {
    let sum = 0;
    for (const [k, v] of Object.entries(f)) {
      const values = new Set([...(tr.get(k)?.keys() ?? []), ...(td.get(k)?.keys() ?? [])]);
      sum += Math.log(((t.get(k)?.get(v) ?? 0) + 1) / (n + values.size + 1));
    }
    return sum;
  };
  const prior = Math.log(real.length / decoy.length);
  return (f) =>
    prior + logLikelihood(tr, real.length, f) - logLikelihood(td, decoy.length, f) > 0 ? 'real' : 'decoy';
}

/** Accuracy of a classifier trained on the first half of each sample and tested on the second. */
export function heldOutAccuracy(real: Features[], decoy: Features[]): { accuracy: number; tested: number } {
  const half = (rows: Features[]) => [rows.slice(0, rows.length >> 1), rows.slice(rows.length >> 1)] as const;
  const [realTrain, realTest] = half(real);
  const [decoyTrain, decoyTest] = half(decoy);
  const classify = trainNaiveBayes(realTrain, decoyTrain);
  let right = 0;
  for (const f of realTest) if (classify(f) === 'real') right += 1;
  for (const f of decoyTest) if (classify(f) === 'decoy') right += 1;
  const tested = realTest.length + decoyTest.length;
  return { accuracy: right / tested, tested };
}
