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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanish.default(true),
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
  if (isProduction && (!e.SESSION_SECRET || !e.DECOY_SECRET || !e.BASE_URL)) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET, DECOY_SECRET and BASE_URL are required when NODE_ENV=production',
    );
  }
  // Development secrets are fixed so that sessions survive restarts; production must set its own.
  return {
    ...e,
    isProduction,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sessionSecret: e.SESSION_SECRET ?? 'dev-only-session-secret-0123456789abcdef',
    decoySecret: e.DECOY_SECRET ?? 'dev-only-decoy-secret-0123456789abcdef',
  };
}
