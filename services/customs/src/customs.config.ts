import * as path from 'node:path';
import { z } from 'zod';
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

/**
 * The HMAC secret of the sampling seeds on a developer machine. Refused when
 * NODE_ENV=production: a real deployment sets CUSTOMS_SAMPLING_SECRET to ≥ 32 random bytes,
 * so that nobody can tell from a shipment id whether it will be sampled.
 */
export const DEV_SAMPLING_SECRET = 'dev-only-customs-sampling-secret-change-me';

/** `<repo>/.run/keys`: where the development signing key is kept (git-ignored). */
export const DEFAULT_DEV_KEYS_DIR = path.resolve(__dirname, '..', '..', '..', '.run', 'keys');

export const customsConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_customs').shape,
    ...kafkaConfig('customs').shape,
    ...httpConfig(3002).shape,
    ...grpcConfig(50052).shape,
    ...logConfig().shape,
    ...telemetryConfig('customs').shape,
    /** HMAC-SHA256 key of the sampling seeds (see risk-assessor.ts). */
    CUSTOMS_SAMPLING_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .default(DEV_SAMPLING_SECRET),
    /** PKCS#8 PEM of customs' Ed25519 decision key; unset outside production: a dev key. */
    CUSTOMS_SIGNING_KEY_PEM: z.string().min(1).optional(),
    /** Where the development signing key lives when no PEM is configured. */
    CUSTOMS_DEV_KEYS_DIR: z.string().min(1).default(DEFAULT_DEV_KEYS_DIR),
    /** Consumer group of the customs inbox consumer (registry events). */
    CUSTOMS_CONSUMER_GROUP: z.string().min(1).default('customs'),
    /** Handler tries before an event goes to the dead-letter topic. */
    CUSTOMS_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV !== 'production') return;
    if (config.CUSTOMS_SAMPLING_SECRET === DEV_SAMPLING_SECRET) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['CUSTOMS_SAMPLING_SECRET'],
        message: 'the development default is refused in production; set a random secret',
      });
    }
    if (config.CUSTOMS_SIGNING_KEY_PEM === undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['CUSTOMS_SIGNING_KEY_PEM'],
        message: 'production signs decisions with a configured Ed25519 key',
      });
    }
  });

export type CustomsConfig = DeepReadonly<z.infer<typeof customsConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadCustomsConfig(env: NodeJS.ProcessEnv): CustomsConfig {
  return loadConfig(customsConfigSchema, env);
}
