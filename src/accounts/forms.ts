import { z } from 'zod';
import type { Translate } from '../core/i18n/index.js';
import type { FieldError } from '../core/render.js';
import { fieldErrors } from '../core/render.js';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  checkPassword,
  normaliseAnswer,
  normalisePassword,
  type PasswordContext,
} from './password-policy.js';

/**
 * The form parts that activation, Lupa Kata Laluan and the profile share: a new password typed
 * twice, three security questions with answers, and the secret image and phrase. Each parser
 * returns the clean values or the field errors, in the order of the form.
 */
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

interface Issue {
  path: PropertyKey[];
  message: string;
}

export const ANSWER_MAX = 100;
export const PHRASE_MAX = 100;

function result<T>(issues: Issue[], data: T): Parsed<T> {
  return issues.length ? { ok: false, errors: fieldErrors(issues) } : { ok: true, data };
}

/** Joins the parsers' results: every error of every part, or all the data. */
export function combine<A, B>(a: Parsed<A>, b: Parsed<B>): Parsed<A & B> {
  if (a.ok && b.ok) return { ok: true, data: { ...a.data, ...b.data } };
  return { ok: false, errors: [...(a.ok ? [] : a.errors), ...(b.ok ? [] : b.errors)] };
}

// ---------------------------------------------------------------- new password

export function parseNewPassword(
  t: Translate,
  body: unknown,
  ctx: PasswordContext,
): Parsed<{ newPassword: string }> {
  const schema = z.object({
    newPassword: z.string({ error: t('auth.password.errors.required') }).superRefine((value, c) => {
      const problem = checkPassword(value, ctx);
      if (problem)
        c.addIssue({
          code: 'custom',
          message: t(`auth.password.errors.${problem}`, { min: PASSWORD_MIN, max: PASSWORD_MAX }),
        });
    }),
    confirmPassword: z.string({ error: t('auth.password.errors.confirmRequired') }),
  });
  const parsed = schema.safeParse(body ?? {});
  const issues: Issue[] = parsed.success ? [] : [...parsed.error.issues];
  if (parsed.success) {
    const { newPassword, confirmPassword } = parsed.data;
    if (!confirmPassword)
      issues.push({ path: ['confirmPassword'], message: t('auth.password.errors.confirmRequired') });
    else if (normalisePassword(confirmPassword) !== normalisePassword(newPassword))
      issues.push({ path: ['confirmPassword'], message: t('auth.password.errors.mismatch') });
  }
  return result(issues, { newPassword: parsed.success ? normalisePassword(parsed.data.newPassword) : '' });
}

// ---------------------------------------------------------------- security questions

export interface ChosenAnswer {
  position: number;
  questionId: number;
  /** Normalised (NFKC, trimmed, spaces collapsed, lower case). */
  answer: string;
}

export function parseQuestions(
  t: Translate,
  body: unknown,
  questionIds: number[],
): Parsed<{ answers: ChosenAnswer[] }> {
  const question = (n: number) =>
    z.coerce
      .number({ error: t('auth.questions.errors.questionRequired', { n }) })
      .int()
      .refine((id) => questionIds.includes(id), t('auth.questions.errors.questionRequired', { n }));
  const answer = (n: number) =>
    z
      .string({ error: t('auth.questions.errors.answerRequired', { n }) })
      .max(ANSWER_MAX * 4, t('auth.questions.errors.answerTooLong', { n, max: ANSWER_MAX }))
      .transform(normaliseAnswer)
      .pipe(
        z
          .string()
          .min(1, t('auth.questions.errors.answerRequired', { n }))
          .min(2, t('auth.questions.errors.answerTooShort', { n }))
          .max(ANSWER_MAX, t('auth.questions.errors.answerTooLong', { n, max: ANSWER_MAX })),
      );
  // Each field on its own, so that the duplicate checks still run when another field is wrong.
  const b = (body ?? {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const chosen: Partial<ChosenAnswer>[] = [];
  for (const n of [1, 2, 3]) {
    const q = question(n).safeParse(b[`question${n}`]);
    const a = answer(n).safeParse(b[`answer${n}`]);
    if (!q.success) issues.push({ path: [`question${n}`], message: q.error.issues[0]!.message });
    if (!a.success) issues.push({ path: [`answer${n}`], message: a.error.issues[0]!.message });
    chosen.push({
      position: n,
      questionId: q.success ? q.data : undefined,
      answer: a.success ? a.data : undefined,
    });
  }
  for (let i = 1; i < 3; i++) {
    const c = chosen[i]!;
    const earlier = chosen.slice(0, i);
    if (c.questionId !== undefined && earlier.some((p) => p.questionId === c.questionId))
      issues.push({ path: [`question${c.position}`], message: t('auth.questions.errors.questionDuplicate') });
    if (c.answer !== undefined && earlier.some((p) => p.answer === c.answer))
      issues.push({ path: [`answer${c.position}`], message: t('auth.questions.errors.answerDuplicate') });
  }
  // In the order of the form.
  const order = ['question1', 'answer1', 'question2', 'answer2', 'question3', 'answer3'];
  issues.sort((x, y) => order.indexOf(String(x.path[0])) - order.indexOf(String(y.path[0])));
  return result(issues, { answers: chosen as ChosenAnswer[] });
}

/** The three answers typed at Lupa Kata Laluan, normalised (only "given", no other rule). */
export function parseGivenAnswers(t: Translate, body: unknown): Parsed<{ given: string[] }> {
  const answer = (n: number) =>
    z
      .string({ error: t('auth.questions.errors.answerRequired', { n }) })
      .max(ANSWER_MAX * 4, t('auth.questions.errors.answerTooLong', { n, max: ANSWER_MAX }))
      .transform(normaliseAnswer)
      .pipe(z.string().min(1, t('auth.questions.errors.answerRequired', { n })));
  const parsed = z
    .object({ answer1: answer(1), answer2: answer(2), answer3: answer(3) })
    .safeParse(body ?? {});
  if (!parsed.success) return result(parsed.error.issues, { given: [] });
  return { ok: true, data: { given: [parsed.data.answer1, parsed.data.answer2, parsed.data.answer3] } };
}

// ---------------------------------------------------------------- secret image and phrase

export function parseSecret(
  t: Translate,
  body: unknown,
  imageIds: number[],
): Parsed<{ imageId: number; phrase: string }> {
  const schema = z.object({
    image: z.coerce
      .number({ error: t('auth.secret.errors.imageRequired') })
      .int()
      .refine((id) => imageIds.includes(id), t('auth.secret.errors.imageRequired')),
    phrase: z
      .string({ error: t('auth.secret.errors.phraseRequired') })
      .transform((s) => s.normalize('NFKC').trim().replace(/\s+/gu, ' '))
      .pipe(
        z
          .string()
          .min(1, t('auth.secret.errors.phraseRequired'))
          .min(3, t('auth.secret.errors.phraseTooShort'))
          .refine(
            (s) => [...s].length <= PHRASE_MAX,
            t('auth.secret.errors.phraseTooLong', { max: PHRASE_MAX }),
          )
          // eslint-disable-next-line no-control-regex
          .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), t('auth.secret.errors.phraseInvalid')),
      ),
  });
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) return result(parsed.error.issues, { imageId: 0, phrase: '' });
  return { ok: true, data: { imageId: parsed.data.image, phrase: parsed.data.phrase } };
}

/** Entries shown again after an error: never a password. */
export function keptValues(body: unknown, fields: string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = b[f];
    if (typeof v === 'string') out[f] = v.slice(0, 400);
  }
  return out;
}
