import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ReadinessCheck } from './readiness-check';

/** PostgreSQL answers `select 1` through the service's own pool (needs `DataSource` provided). */
@Injectable()
export class PostgresReadinessCheck extends ReadinessCheck {
  readonly name = 'postgres';

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    super();
  }

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) {
      throw new Error('data source not initialised');
    }
    await this.dataSource.query('select 1');
  }
}

/** Redis answers `PING` (needs an ioredis `Redis` provided under its class). */
@Injectable()
export class RedisReadinessCheck extends ReadinessCheck {
  readonly name = 'redis';

  constructor(@Inject(Redis) private readonly redis: Redis) {
    super();
  }

  async check(): Promise<void> {
    await this.redis.ping();
  }
}

/**
 * Kafka answers `describeCluster` (needs a kafkajs `Kafka` provided under its class).
 * Keeps one admin connection, dropped and rebuilt after a failure.
 */
@Injectable()
export class KafkaReadinessCheck extends ReadinessCheck implements OnModuleDestroy {
  readonly name = 'kafka';
  private admin: Promise<Admin> | undefined;

  constructor(@Inject(Kafka) private readonly kafka: Kafka) {
    super();
  }

  async check(): Promise<void> {
    try {
      const admin = await this.connectedAdmin();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) {
        throw new Error('no brokers in cluster');
      }
    } catch (error) {
      await this.dropAdmin();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.dropAdmin();
  }

  private connectedAdmin(): Promise<Admin> {
    if (this.admin === undefined) {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      this.admin = admin.connect().then(() => admin);
    }
    return this.admin;
  }

  private async dropAdmin(): Promise<void> {
    const pending = this.admin;
    this.admin = undefined;
    if (pending !== undefined) {
      await pending.then((admin) => admin.disconnect()).catch(() => undefined);
    }
  }
}
