/**
 * A problem with the local infrastructure that a developer can fix: the message is one
 * line naming what is missing and how to get it. Printed as is, never with a stack trace.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';

  constructor(message: string) {
    super(message);
  }
}

export const INFRA_HINTS = {
  java: 'Java is missing: install a JDK 17+ (apt-get install openjdk-17-jre-headless) or set KAFKA_BROKERS',
  javaTooOld: (major: number) =>
    `Java ${major} is too old for Kafka 4: install a JDK 17+ (apt-get install openjdk-17-jre-headless) or set KAFKA_BROKERS`,
  maven:
    'Maven is missing (needed once to fetch the Kafka jars): install it (apt-get install maven) or set KAFKA_BROKERS',
  postgres:
    'PostgreSQL is not running and cannot be started here: install PostgreSQL 15 (apt-get install postgresql-15) or set DATABASE_URL',
  redis:
    'Redis is not running and redis-server is missing: install Redis 7 (apt-get install redis-server) or set REDIS_URL',
} as const;
