import argon2 from 'argon2';

/** OWASP's argon2id parameters (m=19456 KiB, t=2, p=1). */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export async function hashSecret(secret: string): Promise<string> {
  return argon2.hash(secret, ARGON2_OPTIONS);
}

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** A fixed hash to verify against when there is no account, so the cost is the same. */
export function dummySecretHash(): Promise<string> {
  dummyHash ??= argon2.hash('no-account-dummy-secret-value', ARGON2_OPTIONS);
  return dummyHash;
}
