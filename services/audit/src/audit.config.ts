import * as path from 'node:path';
import { z } from 'zod';
import { TOPICS } from '@cuakhau/contracts';
import {
  databaseConfig,
  grpcConfig,
  httpConfig,
  kafkaConfig,
  loadConfig,
  logConfig,
  telemetryConfig,
  type DeepReadonly,
} from '@cuakhau/platform';

/** `<repo>/.run/keys`: where the development audit key is kept (git-ignored). */
export const DEFAULT_DEV_KEYS_DIR = path.resolve(__dirname, '..', '..', '..', '.run', 'keys');

const thresholdsSchema = z.object({
  greenClearedMinutes: z.number().int().min(1).default(15),
  yardMinutes: z.number().int().min(1).default(240),
  officerCaseMinutes: z.number().int().min(1).default(120),
});

const publishedKeySchema = z.object({
  keyId: z.string().min(1),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string().min(1),
});

/** A JSON text in an environment variable, validated by `schema`. */
function jsonVariable<T extends z.ZodTypeAny>(schema: T, fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const auditConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_audit').shape,
    ...kafkaConfig('audit').shape,
    ...httpConfig(3006).shape,
    ...grpcConfig(50056).shape,
    ...logConfig().shape,
    ...telemetryConfig('audit').shape,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Consumer group of the audit log (reads every topic). */
    AUDIT_CONSUMER_GROUP: z.string().min(1).default('audit'),
    /** Topics appended to the chain; default every topic of the system. */
    AUDIT_TOPICS: z
      .string()
      .default(Object.values(TOPICS).join(','))
      .transform((text) =>
        text
          .split(',')
          .map((topic) => topic.trim())
          .filter((topic) => topic !== ''),
      ),
    /** PKCS#8 PEM of the audit Ed25519 key (daily roots); unset outside production: a dev key. */
    AUDIT_SIGNING_KEY_PEM: z.string().min(1).optional(),
    AUDIT_DEV_KEYS_DIR: z.string().min(1).default(DEFAULT_DEV_KEYS_DIR),
    CUSTOMS_GRPC_URL: z.string().min(1).default('127.0.0.1:50052'),
    BORDER_GUARD_GRPC_URL: z.string().min(1).default('127.0.0.1:50053'),
    QUARANTINE_GRPC_URL: z.string().min(1).default('127.0.0.1:50054'),
    /**
     * Tests and offline set-ups: the agencies' published keys as JSON
     * `{"customs":[{"keyId","algorithm":"Ed25519","publicKeyPem"}],...}`; when set, no gRPC.
     */
    AUDIT_STATIC_AGENCY_KEYS: jsonVariable(
      z.record(z.enum(['customs', 'border-guard', 'quarantine']), z.array(publishedKeySchema)),
      '{}',
    ),
    AUDIT_USE_STATIC_AGENCY_KEYS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** How long fetched agency keys are trusted before they are fetched again. */
    AUDIT_KEY_CACHE_SECONDS: z.coerce.number().int().min(1).default(300),
    /** SLA thresholds per gate code, with a "default" line: `{"MONGCAI":{"yardMinutes":180}}`. */
    AUDIT_SLA_RULES: jsonVariable(z.record(z.string(), thresholdsSchema), '{}'),
    AUDIT_SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
    /** Clearance facts, SLA breaches and the read log older than this are deleted. */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(730),
    AUDIT_RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
    /** How often completed days get their signed root. */
    AUDIT_ROOT_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.AUDIT_SIGNING_KEY_PEM === undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUDIT_SIGNING_KEY_PEM'],
        message: 'production signs daily roots with a configured Ed25519 key',
      });
    }
  });

export type AuditConfig = DeepReadonly<z.infer<typeof auditConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadAuditConfig(env: NodeJS.ProcessEnv): AuditConfig {
  return loadConfig(auditConfigSchema, env);
}
