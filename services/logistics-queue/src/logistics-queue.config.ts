import { z } from 'zod';
import {
  databaseConfig,
  grpcConfig,
  httpConfig,
  kafkaConfig,
  loadConfig,
  logConfig,
  redisConfig,
  telemetryConfig,
  type DeepReadonly,
} from '@cuakhau/platform';

const chapters = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((chapter) => chapter.trim())
        .filter((chapter) => chapter.length > 0),
    )
    .pipe(z.array(z.string().regex(/^\d{2}$/, 'each HS chapter has 2 digits')));

export const logisticsQueueConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  ...databaseConfig('cuakhau_logistics_queue').shape,
  ...kafkaConfig('logistics-queue').shape,
  ...redisConfig().shape,
  ...httpConfig(3005).shape,
  ...grpcConfig(50055).shape,
  ...logConfig().shape,
  ...telemetryConfig('logistics-queue').shape,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(20),
  QUEUE_CONSUMER_GROUP: z.string().min(1).default('logistics-queue'),
  QUEUE_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** ANPR reads below this confidence go to the unmatched list. */
  QUEUE_MIN_CAMERA_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.85),
  /** HS chapters of perishable goods (called first). */
  QUEUE_PERISHABLE_CHAPTERS: chapters('01,02,03,04,06,07,08'),
  /** HS chapters that need a cold-chain lane. */
  QUEUE_COLD_CHAIN_CHAPTERS: chapters('02,03,04'),
  /** Total gross kg above which a truck needs an oversize lane. */
  QUEUE_OVERSIZE_GROSS_KG: z.coerce.number().positive().default(40_000),
  /** ± minutes around the planned arrival that count as "on slot". */
  QUEUE_ON_SLOT_WINDOW_MINUTES: z.coerce.number().min(0).default(30),
  /** How long a called truck has to reach its lane. */
  QUEUE_NO_SHOW_AFTER_MS: z.coerce.number().int().min(100).default(600_000),
  /** At this many no-shows the truck leaves the queue. */
  QUEUE_MAX_NO_SHOWS: z.coerce.number().int().min(1).default(2),
  /** ETA: service minutes of a lane with no measured crossing yet. */
  QUEUE_DEFAULT_SERVICE_MINUTES: z.coerce.number().positive().default(8),
  /** ETA: recent crossings per lane in the moving average. */
  QUEUE_ETA_SAMPLE_SIZE: z.coerce.number().int().min(1).default(20),
  /** Positions and timers are re-derived from PostgreSQL this often (and at start). */
  QUEUE_RESYNC_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Prefix of the Redis keys and of the BullMQ queue (pub/sub channels are `cuakhau:queue:<gate>`). */
  QUEUE_REDIS_PREFIX: z.string().min(1).default('cuakhau-lq'),
});

export type LogisticsQueueConfig = DeepReadonly<z.infer<typeof logisticsQueueConfigSchema>>;

/** Validates the environment once, at boot (main.ts hands it `process.env`). */
export function loadLogisticsQueueConfig(env: NodeJS.ProcessEnv): LogisticsQueueConfig {
  return loadConfig(logisticsQueueConfigSchema, env);
}
