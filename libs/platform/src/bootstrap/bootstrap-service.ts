import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcOptions, Transport } from '@nestjs/microservices';
import type { PackageDefinition } from '@grpc/proto-loader';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel, TracesExporter } from '../config/platform.config';
import { GrpcErrorFilter } from '../errors/grpc-error.filter';
import { HealthModule, HealthModuleOptions } from '../health/health.module';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { startTelemetry } from '../telemetry/telemetry';

/** The settings bootstrapService needs; a service's loaded config (a superset) fits as is. */
export interface PlatformConfig {
  readonly HTTP_PORT: number;
  readonly HTTP_HOST: string;
  readonly LOG_LEVEL: LogLevel;
  readonly OTEL_TRACES_EXPORTER: TracesExporter;
  readonly OTEL_SERVICE_NAME: string;
  readonly GRPC_PORT?: number;
  readonly GRPC_HOST?: string;
}

export interface GrpcServerOptions {
  readonly package: string | string[];
  /** The .proto files to load; or give `packageDefinition` (e.g. `grpcPackageDefinition(...)`). */
  readonly protoPath?: string | string[];
  /** A loaded package definition (with the generated codecs); excludes `protoPath`. */
  readonly packageDefinition?: PackageDefinition;
  readonly loaderOptions?: NonNullable<GrpcOptions['options']['loader']>;
}

export interface BootstrapOptions {
  /** The service's name: in every log line and trace. */
  readonly name: string;
  /** The service's root module (static or dynamic). */
  readonly module: Type<unknown> | DynamicModule;
  readonly config: PlatformConfig;
  /** What `/health/ready` checks (omit for a service with no dependencies). */
  readonly readiness?: HealthModuleOptions;
  /** Serve gRPC on `GRPC_HOST:GRPC_PORT` with these protos. */
  readonly grpc?: GrpcServerOptions;
  /** Runs after Nest closed every module (consumers, relays, pools), before telemetry stops. */
  readonly onShutdown?: () => Promise<void> | void;
  /** Where log lines go (default: stdout). */
  readonly logDestination?: DestinationStream;
  /**
   * Last touch on the app before it listens (Fastify plugins such as static files, extra
   * routes). Runs after the gRPC server started; a failure stops the boot like any other.
   */
  readonly configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

export interface RunningService {
  readonly app: NestFastifyApplication;
  readonly logger: Logger;
  /** e.g. http://127.0.0.1:3101 (the real port, also when HTTP_PORT is 0). */
  readonly httpUrl: string;
  /** e.g. 127.0.0.1:50101, when gRPC is served. */
  readonly grpcUrl: string | undefined;
  /** What SIGTERM does: closes Nest (modules, servers), then onShutdown, then telemetry. */
  close(): Promise<void>;
}

/** NestMicroservice's own switch (not on its public interface): checked, so an upgrade that drops it fails loudly. */
function markInitHooksCalled(microservice: object): void {
  const target = microservice as { setIsInitHookCalled?: unknown };
  if (typeof target.setIsInitHookCalled !== 'function') {
    throw new TypeError('NestMicroservice.setIsInitHookCalled is gone: init hooks would run twice');
  }
  (target.setIsInitHookCalled as (called: boolean) => void).call(microservice, true);
}

/**
 * Boots one service the same way every time: telemetry first, pino logs, a Nest app on
 * Fastify with `/health/live` and `/health/ready`, the gRPC server when asked (with the
 * GrpcErrorFilter), shutdown hooks (SIGTERM → Nest closes everything), then HTTP.
 * Logs one line with its URLs.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<RunningService> {
  const { name, config } = options;
  const shutdownTelemetry = startTelemetry({
    serviceName: config.OTEL_SERVICE_NAME,
    exporter: config.OTEL_TRACES_EXPORTER,
  });
  const logger = createLogger(name, config.LOG_LEVEL, options.logDestination);
  let app: NestFastifyApplication | undefined;
  try {
    const grpcUrl = options.grpc === undefined ? undefined : grpcUrlOf(config);

    @Module({
      imports: [options.module, HealthModule.forRoot(options.readiness ?? { checks: [] })],
    })
    class ServiceRootModule {}

    app = await NestFactory.create<NestFastifyApplication>(
      ServiceRootModule,
      new FastifyAdapter({ logger: false }),
      { logger: new PinoNestLogger(logger), abortOnError: false },
    );

    if (options.grpc !== undefined && grpcUrl !== undefined) {
      // Deferred, so that the filter is registered before the gRPC handlers are bound.
      const grpc = app.connectMicroservice<GrpcOptions>(
        {
          transport: Transport.GRPC,
          options: {
            package: options.grpc.package,
            ...(options.grpc.packageDefinition === undefined
              ? { protoPath: options.grpc.protoPath }
              : { packageDefinition: options.grpc.packageDefinition }),
            url: grpcUrl,
            loader: options.grpc.loaderOptions,
          },
        },
        { deferInitialization: true },
      );
      grpc.useGlobalFilters(new GrpcErrorFilter(logger));
      // Starting the microservice would run every onModuleInit / onApplicationBootstrap hook,
      // and app.listen() (app.init()) runs them again: each consumer, worker and timer a
      // provider starts there would exist twice, one of them never stopped. Let the app run
      // them, once.
      markInitHooksCalled(grpc);
      await app.startAllMicroservices();
    }

    await options.configure?.(app);
    await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
    const address = app.getHttpServer().address() as AddressInfo;
    const httpUrl = `http://${config.HTTP_HOST}:${address.port}`;
    logger.info(
      { http: httpUrl, grpc: grpcUrl, health: `${httpUrl}/health/ready` },
      `${name} started: http ${httpUrl}${grpcUrl === undefined ? '' : `, grpc ${grpcUrl}`}`,
    );
    const started = app;
    let closing: Promise<void> | undefined;
    const close = (signal?: NodeJS.Signals): Promise<void> => {
      closing ??= (async () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        try {
          // Every module first (consumers, relays, workers, servers), then what they used.
          await started.close();
          await options.onShutdown?.();
        } finally {
          await shutdownTelemetry();
          logger.info({ signal }, 'service stopped');
          logger.flush();
        }
      })();
      return closing;
    };
    function onSignal(signal: NodeJS.Signals): void {
      void close(signal)
        .catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'))
        .finally(() => process.kill(process.pid, signal));
    }
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    return { app: started, logger, httpUrl, grpcUrl, close: () => close() };
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    await app?.close().catch(() => undefined);
    await shutdownTelemetry();
    logger.flush();
    throw error;
  }
}

function grpcUrlOf(config: PlatformConfig): string {
  if (config.GRPC_PORT === undefined || config.GRPC_PORT === 0) {
    throw new TypeError(
      'gRPC needs GRPC_PORT (a fixed port, not 0): include grpcConfig() in the schema',
    );
  }
  return `${config.GRPC_HOST ?? '127.0.0.1'}:${config.GRPC_PORT}`;
}
