import { z } from 'zod';
import { ConfigError } from './config.errors';
import { loadConfig } from './load-config';
import {
  databaseConfig,
  grpcConfig,
  httpConfig,
  kafkaConfig,
  logConfig,
  redisConfig,
  telemetryConfig,
} from './platform.config';

const schema = z.object({
  ...databaseConfig('cuakhau_registry').shape,
  ...redisConfig().shape,
  ...kafkaConfig('registry').shape,
  ...httpConfig(3101).shape,
  ...grpcConfig(50101).shape,
  ...logConfig().shape,
  ...telemetryConfig('registry').shape,
});

describe('loadConfig', () => {
  it('gives the local defaults when the environment is empty', () => {
    const config = loadConfig(schema, {});

    expect(config).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cuakhau_registry',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'registry',
      HTTP_PORT: 3101,
      HTTP_HOST: '127.0.0.1',
      GRPC_PORT: 50101,
      GRPC_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_SERVICE_NAME: 'registry',
    });
  });

  it('reads and converts the variables given', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgresql://app:pw@db.internal:6543/registry',
      KAFKA_BROKERS: ' k1:9092, k2:9093 ,',
      HTTP_PORT: '0',
      GRPC_HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      OTEL_TRACES_EXPORTER: 'console',
    });

    expect(config.DATABASE_URL).toBe('postgresql://app:pw@db.internal:6543/registry');
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(config.HTTP_PORT).toBe(0);
    expect(config.GRPC_HOST).toBe('0.0.0.0');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.OTEL_TRACES_EXPORTER).toBe('console');
  });

  it('ignores variables the schema does not name', () => {
    const config = loadConfig(logConfig(), { PATH: '/usr/bin', LOG_LEVEL: 'warn' });

    expect(config).toEqual({ LOG_LEVEL: 'warn' });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(schema, { KAFKA_BROKERS: 'a:1,b:2' });

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.KAFKA_BROKERS)).toBe(true);
    expect(() => {
      (config as { HTTP_PORT: number }).HTTP_PORT = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.KAFKA_BROKERS as string[]).push('c:3');
    }).toThrow(TypeError);
  });

  it('lists every bad variable in one error, without echoing values', () => {
    const secret = 's3cr3t-Passw0rd';
    let caught: unknown;
    try {
      loadConfig(schema, {
        DATABASE_URL: `mysql://app:${secret}@db:3306/x`,
        REDIS_URL: `not a url ${secret}`,
        KAFKA_BROKERS: `${secret}`,
        HTTP_PORT: '70000',
        GRPC_PORT: 'abc',
        LOG_LEVEL: `loud-${secret}`,
        OTEL_TRACES_EXPORTER: 'jaeger',
      });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'GRPC_PORT',
      'HTTP_PORT',
      'KAFKA_BROKERS.0',
      'LOG_LEVEL',
      'OTEL_TRACES_EXPORTER',
      'REDIS_URL',
    ]);
    expect(error.message).toMatch(/^Invalid configuration \(7 problems\): /);
    expect(error.message).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
    expect(error.message).toContain('HTTP_PORT: must be at most 65535');
    expect(error.message).toContain(
      'LOG_LEVEL: expected one of fatal | error | warn | info | debug | trace | silent',
    );
    expect(error.message).toContain('OTEL_TRACES_EXPORTER: expected one of none | console');
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('jaeger');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('says which required variable is missing', () => {
    const required = z.object({ SIGNING_KEY: z.string().min(32) });

    expect(() => loadConfig(required, {})).toThrow(
      'Invalid configuration (1 problem): SIGNING_KEY: is required',
    );
  });
});
