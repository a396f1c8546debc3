import { z } from 'zod';

/**
 * Reusable pieces of a service's configuration schema, each with a default that works
 * on a developer machine. A service composes the ones it needs:
 *
 *     const registryConfigSchema = z.object({
 *       ...databaseConfig('cuakhau_registry').shape,
 *       ...kafkaConfig('registry').shape,
 *       ...httpConfig(3101).shape,
 *       ...grpcConfig(50101).shape,
 *       ...logConfig().shape,
 *       ...telemetryConfig('registry').shape,
 *     });
 *     export const config = loadConfig(registryConfigSchema);
 */

const port = z.coerce
  .number({ invalid_type_error: 'must be a port number' })
  .int()
  .min(0)
  .max(65_535);

const urlWithProtocol = (protocols: readonly string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}://`)), {
      message: `must start with ${protocols.map((protocol) => `${protocol}://`).join(' or ')}`,
    });

const host = z.string().min(1);

/** `DATABASE_URL`: this service's own PostgreSQL database (ADR 0001). */
export const databaseConfig = (defaultDatabase: string) =>
  z.object({
    DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).default(
      `postgres://postgres@127.0.0.1:5432/${defaultDatabase}`,
    ),
  });

/** `REDIS_URL`. */
export const redisConfig = () =>
  z.object({
    REDIS_URL: urlWithProtocol(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  });

/** `KAFKA_BROKERS` (comma-separated host:port list, parsed to an array) and `KAFKA_CLIENT_ID`. */
export const kafkaConfig = (defaultClientId: string) =>
  z.object({
    KAFKA_BROKERS: z
      .string()
      .default('127.0.0.1:9092')
      .transform((value) =>
        value
          .split(',')
          .map((broker) => broker.trim())
          .filter((broker) => broker.length > 0),
      )
      .pipe(
        z
          .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port'))
          .min(1, 'must list at least one broker'),
      ),
    KAFKA_CLIENT_ID: z.string().min(1).default(defaultClientId),
  });

/** `HTTP_PORT` (0 = any free port) and `HTTP_HOST` (health endpoints, REST). */
export const httpConfig = (defaultPort: number) =>
  z.object({
    HTTP_PORT: port.default(defaultPort),
    HTTP_HOST: host.default('127.0.0.1'),
  });

/** `GRPC_PORT` and `GRPC_HOST` (`0.0.0.0` to listen on every interface). */
export const grpcConfig = (defaultPort: number) =>
  z.object({
    GRPC_PORT: port.default(defaultPort),
    GRPC_HOST: host.default('127.0.0.1'),
  });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL`. */
export const logConfig = () =>
  z.object({
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  });

export const TRACES_EXPORTERS = ['none', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

/** `OTEL_TRACES_EXPORTER` (none | console) and `OTEL_SERVICE_NAME`. */
export const telemetryConfig = (defaultServiceName: string) =>
  z.object({
    OTEL_TRACES_EXPORTER: z.enum(TRACES_EXPORTERS).default('none'),
    OTEL_SERVICE_NAME: z.string().min(1).default(defaultServiceName),
  });
