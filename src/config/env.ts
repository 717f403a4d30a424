import { z } from 'zod';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((v) => v === 'true' || v === '1');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const baseEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOKALKRAFT_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** Leaflet tile template; the list stays usable when tiles cannot load. */
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /** Seed the demo region on first start of an empty database. */
  LOKALKRAFT_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The public origin; the ONLY source of absolute links (mail, canonical URLs). Required in production. */
  PUBLIC_BASE_URL: optionalUrl,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Mail goes out over SMTP only when this is set (smtp://user:pass@host:587 or smtps://…). */
  SMTP_URL: optionalText,
  /**
   * Development only: without SMTP, keep mail in the database and show it at /dev/outbox to the
   * loopback address and to signed-in network admins. Off by default: the outbox holds live
   * reset links, so it must never be reachable by accident.
   */
  LOKALKRAFT_DEV_OUTBOX: flag('false'),
  /**
   * The demo sign-in page (/demo: sign in as one of the demo region's fictional people, no
   * password) answers the machine itself whenever the demo is on outside production. Set this to
   * true to open it to everyone (a public demo site); never on a site with real people's data.
   */
  LOKALKRAFT_DEMO_SIGNIN: flag('false'),
  MAIL_FROM: z.string().default('Lokalkraft <no-reply@localhost>'),
  /** OpenID Connect sign-in is offered when issuer, client id and redirect URL are all set. */
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_REDIRECT_URL: optionalUrl,
  /** Label on the OIDC button, e.g. "Microsoft 365" or "BankID". */
  OIDC_LABEL: z.string().default('OpenID Connect'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a proxy you run). */
  TRUST_PROXY: flag('false'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(480),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(168),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  /** Uploaded files go to this S3-compatible bucket when set; unset = LOKALKRAFT_DATA_DIR/files. */
  FILES_S3_BUCKET: optionalText,
  FILES_S3_ENDPOINT: optionalUrl,
  FILES_S3_REGION: z.string().min(1).default('us-east-1'),
  FILES_S3_ACCESS_KEY_ID: optionalText,
  FILES_S3_SECRET_ACCESS_KEY: optionalText,
  FILES_S3_FORCE_PATH_STYLE: flag('false'),
  FILES_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end with / (e.g. lokalkraft/files/)')
    .default(''),
  /** Forgot-password, sign-up and verification resends (each counted on its own): mails per e-mail address, requests per client address, in the window. */
  MAIL_REQUEST_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  MAIL_REQUEST_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(3),
  MAIL_REQUEST_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
});

/**
 * Rules across variables. Links in e-mail are built from configuration only (never from the
 * request's Host header), so production needs the public address spelled out.
 */
export const envSchema = baseEnvSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.PUBLIC_BASE_URL) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['PUBLIC_BASE_URL'],
      message:
        'must be set when NODE_ENV=production (e.g. https://lokalkraft.example.org): links in e-mail are built from it, never from the Host header of a request',
    });
  }
  if (env.NODE_ENV === 'production' && env.LOKALKRAFT_DEV_OUTBOX) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['LOKALKRAFT_DEV_OUTBOX'],
      message: 'is for development only and cannot be used with NODE_ENV=production',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment once; a bad value stops the process with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The origin every absolute link starts with: PUBLIC_BASE_URL, or in development the address the
 * server listens on. Never derived from a request (a forged Host header would steer reset links).
 */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const wildcard = ['0.0.0.0', '::', '', '127.0.0.1', '::1', 'localhost'].includes(env.HOST);
  const host = wildcard ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return `http://${host}${env.PORT === 80 ? '' : `:${env.PORT}`}`;
}

/** Where e-mail goes, for the start-up log and the CLI. */
export function mailDestination(env: Pick<Env, 'SMTP_URL' | 'LOKALKRAFT_DEV_OUTBOX' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  if (env.SMTP_URL) {
    try {
      const url = new URL(env.SMTP_URL);
      return `SMTP ${url.hostname}${url.port ? `:${url.port}` : ''}`;
    } catch {
      return 'SMTP';
    }
  }
  if (env.LOKALKRAFT_DEV_OUTBOX) return `the development outbox at ${publicBaseUrl(env)}/dev/outbox (loopback and network admins only)`;
  return 'nowhere: not sent and not kept (set SMTP_URL; `lokalkraft users create` prints its set-password link)';
}
