import * as path from 'node:path';
import { z } from 'zod';
import {
  databaseConfig,
  httpConfig,
  loadConfig,
  logConfig,
  redisConfig,
  telemetryConfig,
  type DeepReadonly,
} from '@cuakhau/platform';

/** `<repo>/.run`: git-ignored local state (development keys, the demo camera key). */
export const DEFAULT_RUN_DIR = path.resolve(__dirname, '..', '..', '..', '.run');

/** `services/web/dist`: the web app as `npm run build -w services/web` writes it. */
export const DEFAULT_WEB_DIST_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');

const grpcAddress = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port');
const positiveInt = z.coerce.number().int().min(1);

export const gatewayConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...databaseConfig('cuakhau_gateway').shape,
    ...redisConfig().shape,
    ...httpConfig(8080).shape,
    ...logConfig().shape,
    ...telemetryConfig('gateway').shape,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** gRPC addresses of the services behind the gateway. */
    REGISTRY_GRPC_URL: grpcAddress.default('127.0.0.1:50051'),
    CUSTOMS_GRPC_URL: grpcAddress.default('127.0.0.1:50052'),
    BORDER_GUARD_GRPC_URL: grpcAddress.default('127.0.0.1:50053'),
    QUARANTINE_GRPC_URL: grpcAddress.default('127.0.0.1:50054'),
    LOGISTICS_QUEUE_GRPC_URL: grpcAddress.default('127.0.0.1:50055'),
    AUDIT_GRPC_URL: grpcAddress.default('127.0.0.1:50056'),
    /** Deadline of every gRPC call: a stopped service answers 503 after at most this long. */
    GRPC_DEADLINE_MS: positiveInt.max(60_000).default(5_000),
    /** Largest accepted JSON body (bytes). */
    BODY_LIMIT_BYTES: positiveInt.max(10_485_760).default(262_144),
    /** Ed25519 private key (PKCS#8 PEM) signing access tokens; a development key otherwise. */
    JWT_PRIVATE_KEY_PEM: z.string().min(1).optional(),
    JWT_ISSUER: z.string().min(1).default('cuakhau-gateway'),
    JWT_AUDIENCE: z.string().min(1).default('cuakhau-api'),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(3_600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(7 * 24 * 3_600),
    /** Failed logins before 429, per user and per client address, within the window. */
    LOGIN_MAX_FAILURES_PER_USER: positiveInt.default(5),
    LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(20),
    LOGIN_FAILURE_WINDOW_SECONDS: positiveInt.default(900),
    /** Wrong plate/pass-code lookups per client address before 429, within the window. */
    PASS_LOOKUP_MAX_FAILURES_PER_IP: positiveInt.default(10),
    PASS_LOOKUP_WINDOW_SECONDS: positiveInt.default(600),
    /** Requests per minute per token / API key / client address. */
    RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
    IDEMPOTENCY_TTL_HOURS: positiveInt.default(24),
    SSE_HEARTBEAT_MS: positiveInt.default(15_000),
    /** How often an open driver stream re-reads the position even without a queue message. */
    SSE_REFRESH_MS: positiveInt.default(5_000),
    /**
     * How long the driver view keeps what the registry and the queue answered for a
     * matched plate + pass code (0: not at all). Any change of the shipment drops it sooner.
     */
    DRIVER_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
    DRIVER_CACHE_MAX_ENTRIES: positiveInt.max(1_000_000).default(20_000),
    /** Prefix of every Redis key the gateway writes (tests use their own). */
    REDIS_KEY_PREFIX: z.string().default('cuakhau:gateway:'),
    /** Redis pub/sub channel prefix of the logistics-queue's live positions. */
    QUEUE_CHANNEL_PREFIX: z.string().default('cuakhau:queue:'),
    RUN_DIR: z.string().min(1).default(DEFAULT_RUN_DIR),
    /** The built web app served at `/` (a page explaining how to build it when missing). */
    WEB_DIST_DIR: z.string().min(1).default(DEFAULT_WEB_DIST_DIR),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.JWT_PRIVATE_KEY_PEM === undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['JWT_PRIVATE_KEY_PEM'],
        message: 'is required in production (no development key)',
      });
    }
  });

export type GatewayConfig = DeepReadonly<z.infer<typeof gatewayConfigSchema>>;

/** Validates the environment once, at boot. `PORT` (the public port) stands for HTTP_PORT. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const port = env.HTTP_PORT ?? env.PORT;
  return loadConfig(gatewayConfigSchema, port === undefined ? env : { ...env, HTTP_PORT: port });
}
