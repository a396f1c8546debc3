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

export const quarantineConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_quarantine').shape,
    ...kafkaConfig('quarantine').shape,
    ...httpConfig(3004).shape,
    ...grpcConfig(50054).shape,
    ...logConfig().shape,
    ...telemetryConfig('quarantine').shape,
    /** PKCS#8 PEM of quarantine's Ed25519 decision key; required in production. */
    QUARANTINE_SIGNING_KEY_PEM: z.string().min(1).optional(),
    /** Where the development key is kept when no PEM is configured (default `<repo>/.run/keys`). */
    QUARANTINE_DEV_KEY_DIR: z.string().min(1).optional(),
    /** Consumer group of quarantine's inbox consumer (registry events). */
    QUARANTINE_CONSUMER_GROUP: z.string().min(1).default('quarantine'),
    /** Handler tries before an event goes to the dead-letter topic. */
    QUARANTINE_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.QUARANTINE_SIGNING_KEY_PEM === undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['QUARANTINE_SIGNING_KEY_PEM'],
        message: 'production signs decisions with a configured key; set the PEM',
      });
    }
  });

export type QuarantineConfig = DeepReadonly<z.infer<typeof quarantineConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadQuarantineConfig(env: NodeJS.ProcessEnv): QuarantineConfig {
  return loadConfig(quarantineConfigSchema, env);
}
