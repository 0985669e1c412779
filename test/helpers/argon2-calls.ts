import argon2 from 'argon2';

/**
 * How many argon2 hashes and verifications this process has run. The app runs in the test's
 * process, so wrapping the library's own functions counts the app's calls without a counter in
 * the portal's code: tests prove an unknown ID costs exactly one verification (no timing needed).
 */
export const argon2Calls = { verifications: 0, hashes: 0 };

const library = argon2 as { hash: typeof argon2.hash; verify: typeof argon2.verify };
const { hash, verify } = library;
library.hash = ((...args: Parameters<typeof hash>) => {
  argon2Calls.hashes += 1;
  return hash(...args);
}) as typeof hash;
library.verify = (...args: Parameters<typeof verify>) => {
  argon2Calls.verifications += 1;
  return verify(...args);
};
