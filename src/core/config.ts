import { z } from 'zod';

/** Every setting the portal reads from the environment, validated once at start. */
const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** Milliseconds; 0 turns the timeout off (e.g. for a long migration run by hand). */
const millis = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

/**
 * The database timeouts (see createDb in src/core/db.ts for why these values). Their own schema
 * so that createDb can read them from the environment when its caller has no Config.
 */
const databaseTimeoutSchema = z.object({
  DATABASE_CONNECT_TIMEOUT_MS: millis(5_000),
  DATABASE_QUERY_TIMEOUT_MS: millis(15_000),
  DATABASE_STATEMENT_TIMEOUT_MS: millis(10_000),
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  ...databaseTimeoutSchema.shape,
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SMTP_URL: z.url().optional(),
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  MAIL_FROM: z.string().min(3).default('Portal iSPEKS <no-reply@selangor.gov.my>'),
  SESSION_SECRET: z.string().min(32).optional(),
  DECOY_SECRET: z.string().min(32).optional(),
  HELPDESK_EMAIL: z.email().default('ispekscare@selangor.gov.my'),
  GOV_EMAIL_DOMAINS: z
    .string()
    .default('.gov.my')
    .transform((s) =>
      s
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(8),
  TEMP_PASSWORD_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  /**
   * Cooling-off after a change of official email (issue 11): first-time login with the new
   * address is held this long, while the previous address (told of the change) can object.
   * 0 turns the hold off.
   */
  EMAIL_CHANGE_HOLD_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 14)
    .default(24),
  TRUST_PROXY: booleanish.default(false),
  ALLOW_INSECURE_HTTP: booleanish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanish.default(true),
  // Production process model (src/cluster.ts): worker processes on one port; unset = one per
  // core in production, 1 otherwise. DATABASE_POOL_MAX is per worker.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'SESSION_SECRET' | 'DECOY_SECRET' | 'BASE_URL'> {
  isProduction: boolean;
  baseUrl: string;
  sessionSecret: string;
  decoySecret: string;
}

export class ConfigError extends Error {}

export interface DatabaseTimeouts {
  connectMs: number;
  queryMs: number;
  statementMs: number;
}

type DatabaseTimeoutEnv = z.infer<typeof databaseTimeoutSchema>;

/** The database timeouts of a loaded Config. */
export function databaseTimeouts(config: DatabaseTimeoutEnv): DatabaseTimeouts {
  return {
    connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    queryMs: config.DATABASE_QUERY_TIMEOUT_MS,
    statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

/** The database timeouts straight from the environment (for createDb callers without a Config). */
export function databaseTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const parsed = databaseTimeoutSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${issuesOf(parsed.error)}`);
  return databaseTimeouts(parsed.data);
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/** Parses the environment; a wrong value throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${issuesOf(parsed.error)}`);
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) checkProductionSecurity(e);
  // Development secrets are fixed so that sessions survive restarts; production must set its own
  // (checkProductionSecurity), so these defaults never reach a production path.
  return {
    ...e,
    isProduction,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    decoySecret: e.DECOY_SECRET ?? DEV_DECOY_SECRET,
  };
}

// ------------------------------------------------------------------ production security (issue 11)

const DEV_SESSION_SECRET = 'dev-only-session-secret-0123456789abcdef';
const DEV_DECOY_SECRET = 'dev-only-decoy-secret-0123456789abcdef';

/**
 * Secret values that are public (shipped in this repository, its docs or its compose file at some
 * time): a secret equal to one of them, or shaped like a placeholder, is refused in production,
 * since anyone could forge session cookies or compute decoys with it. One list, in one place.
 */
export const KNOWN_PLACEHOLDER_SECRETS: readonly string[] = [
  DEV_SESSION_SECRET,
  DEV_DECOY_SECRET,
  'change-me-to-64-random-characters-change-me-to-64-random-characters',
  'change-me-to-another-64-random-characters-change-me-to-another-64',
  'bench-session-secret-0123456789abcdefghijklmnop',
  'bench-decoy-secret-0123456789abcdefghijklmnopq',
];

/** Words that mark a value someone meant to replace. */
const PLACEHOLDER_PATTERN =
  /change[-_ .]?me|changeme|placeholder|replace[-_ .]?(me|this)|your[-_ .]?secret|dev[-_ .]?only|example|not[-_ .]?secret|0123456789|abcdefghij|x{8}/i;

/** Why a secret is not fit for production, or null when it is. */
export function placeholderReason(value: string): string | null {
  if (KNOWN_PLACEHOLDER_SECRETS.includes(value)) return 'a value published with the portal';
  if (PLACEHOLDER_PATTERN.test(value)) return 'a placeholder value';
  // A repeated character or a short cycle ('aaaa…', 'abab…') is no secret, however long.
  if (new Set(value).size < 10) return 'too few distinct characters';
  return null;
}

/**
 * Production refuses to start without its own secrets and base URL, with a known placeholder as a
 * secret, or without a proxy in front unless plain HTTP was allowed on purpose: the session cookie
 * is always Secure in production, so behind no TLS-terminating proxy nobody could sign in, and
 * behind one that is not trusted Express cannot see that the request was HTTPS.
 */
function checkProductionSecurity(e: Env): void {
  if (!e.SESSION_SECRET || !e.DECOY_SECRET || !e.BASE_URL) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET, DECOY_SECRET and BASE_URL are required when NODE_ENV=production',
    );
  }
  for (const [name, value] of [
    ['SESSION_SECRET', e.SESSION_SECRET],
    ['DECOY_SECRET', e.DECOY_SECRET],
  ] as const) {
    const reason = placeholderReason(value);
    if (reason)
      throw new ConfigError(
        `Invalid configuration: ${name} is ${reason}; set a random secret of its own (for example: openssl rand -hex 32)`,
      );
  }
  if (e.SESSION_SECRET === e.DECOY_SECRET)
    throw new ConfigError('Invalid configuration: SESSION_SECRET and DECOY_SECRET must differ');
  if (!e.TRUST_PROXY && !e.ALLOW_INSECURE_HTTP) {
    throw new ConfigError(
      'Invalid configuration: NODE_ENV=production needs TRUST_PROXY=true (the portal behind an HTTPS reverse proxy); set ALLOW_INSECURE_HTTP=true only to run it over plain HTTP on purpose',
    );
  }
}
