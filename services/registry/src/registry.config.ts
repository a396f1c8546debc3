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
 * The pepper of the pass-code HMAC on a developer machine. Refused when
 * NODE_ENV=production: a real deployment sets PASS_CODE_PEPPER to ≥ 32 random bytes.
 */
export const DEV_PASS_CODE_PEPPER = 'dev-only-pass-code-pepper-change-me-in-production';

export const registryConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_registry').shape,
    ...kafkaConfig('registry').shape,
    ...httpConfig(3001).shape,
    ...grpcConfig(50051).shape,
    ...logConfig().shape,
    ...telemetryConfig('registry').shape,
    PASS_CODE_PEPPER: z
      .string()
      .min(32, 'must be at least 32 characters')
      .default(DEV_PASS_CODE_PEPPER),
    /** Consumer group of the registry's inbox consumer. */
    REGISTRY_CONSUMER_GROUP: z.string().min(1).default('registry'),
    /** Handler tries before an event goes to the dead-letter topic. */
    REGISTRY_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    /** Connections of the service's pool. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.PASS_CODE_PEPPER === DEV_PASS_CODE_PEPPER) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PASS_CODE_PEPPER'],
        message: 'the development default is refused in production; set a random secret',
      });
    }
  });

export type RegistryConfig = DeepReadonly<z.infer<typeof registryConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadRegistryConfig(env: NodeJS.ProcessEnv): RegistryConfig {
  return loadConfig(registryConfigSchema, env);
}
