import { hashSecret } from '../core/passwords.js';
import type { ChosenAnswer } from './forms.js';

/** Hashes the answers (already normalised) with argon2id, one by one. */
export async function hashAnswers(answers: ChosenAnswer[]) {
  const out = [];
  for (const a of answers)
    out.push({ position: a.position, questionId: a.questionId, hash: await hashSecret(a.answer) });
  return out;
}
