import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { ReadinessCheck } from './readiness-check';

export interface HealthModuleOptions {
  /** The dependencies this service needs to be ready, as classes (e.g. PostgresReadinessCheck). */
  readonly checks: readonly Type<ReadinessCheck>[];
  /** Modules exporting what the checks inject (DataSource, Redis, Kafka, ...). */
  readonly imports?: ModuleMetadata['imports'];
}

/** `/health/live` and `/health/ready` for one service. */
@Module({})
export class HealthModule {
  static forRoot({ checks, imports = [] }: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports,
      controllers: [HealthController],
      providers: [
        ...checks,
        {
          provide: READINESS_CHECKS,
          useFactory: (...instances: ReadinessCheck[]) => instances,
          inject: [...checks],
        },
      ],
    };
  }
}
