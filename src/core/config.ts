import { z } from 'zod';

/** Every setting the portal reads from the environment, validated once at start. */
const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
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

/** Parses the environment; a wrong value throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
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
