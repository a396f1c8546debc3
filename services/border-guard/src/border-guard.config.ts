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

/** Where the development signing key lives when none is configured (never in production). */
export const DEV_SIGNING_KEY_DIR = path.resolve(__dirname, '..', '..', '..', '.run', 'keys');

export const borderGuardConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_border_guard').shape,
    ...kafkaConfig('border-guard').shape,
    ...httpConfig(3003).shape,
    ...grpcConfig(50053).shape,
    ...logConfig().shape,
    ...telemetryConfig('border-guard').shape,
    /** PKCS#8 PEM of the border guard's Ed25519 decision key; required in production. */
    BORDER_GUARD_SIGNING_KEY_PEM: z.string().optional(),
    /** Directory of the development key (created on first start when no PEM is set). */
    BORDER_GUARD_SIGNING_KEY_DIR: z.string().min(1).default(DEV_SIGNING_KEY_DIR),
    BORDER_GUARD_CONSUMER_GROUP: z.string().min(1).default('border-guard'),
    BORDER_GUARD_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && (config.BORDER_GUARD_SIGNING_KEY_PEM ?? '') === '') {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['BORDER_GUARD_SIGNING_KEY_PEM'],
        message: 'production needs a configured signing key',
      });
    }
  });

export type BorderGuardConfig = DeepReadonly<z.infer<typeof borderGuardConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadBorderGuardConfig(env: NodeJS.ProcessEnv): BorderGuardConfig {
  return loadConfig(borderGuardConfigSchema, env);
}
