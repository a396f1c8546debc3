import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const composeFile = path.resolve(__dirname, '..', '..', 'docker-compose.yml');

const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  healthcheck: z.object({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
  environment: z.record(z.string()).optional(),
  restart: z.string().optional(),
  depends_on: z.record(z.object({ condition: z.string() })).optional(),
});
const composeSchema = z.object({ services: z.record(serviceSchema) });
type ComposeService = z.infer<typeof serviceSchema>;

const INFRASTRUCTURE = new Set(['postgres', 'redis', 'kafka', 'kafka-init']);

function loadCompose(): Record<string, ComposeService> {
  return composeSchema.parse(parse(fs.readFileSync(composeFile, 'utf8'))).services;
}

/** A one-shot init container runs to completion; it is not "healthy", it is done. */
function isOneShot(service: ComposeService): boolean {
  return service.restart === 'no';
}

describe('docker-compose.yml', () => {
  const services = loadCompose();
  const entries = Object.entries(services);

  it('has PostgreSQL, Redis and Kafka', () => {
    expect(services.postgres?.image).toBe('postgres:15');
    expect(services.redis?.image).toBe('redis:7');
    expect(services.kafka?.image).toBe('apache/kafka:4.1.1');
  });

  it.each(entries)('%s has an image or a build', (_name, service) => {
    expect(service.image !== undefined || service.build !== undefined).toBe(true);
  });

  it.each(entries.filter(([, service]) => !isOneShot(service)))(
    '%s has a healthcheck',
    (_name, service) => {
      expect(service.healthcheck?.test.length ?? 0).toBeGreaterThan(0);
    },
  );

  it.each(entries.filter(([, service]) => isOneShot(service)))(
    'one-shot %s waits for a healthy dependency',
    (_name, service) => {
      const conditions = Object.values(service.depends_on ?? {}).map((dep) => dep.condition);
      expect(conditions).toContain('service_healthy');
    },
  );

  it('runs Kafka as the same single KRaft node as the local broker, no auto-created topics', () => {
    expect(services.kafka?.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '6',
    });
  });

  it('builds every app service with deploy/Dockerfile and configures it by environment', () => {
    const apps = entries.filter(([name]) => !INFRASTRUCTURE.has(name));
    for (const [name, service] of apps) {
      expect({ name, build: JSON.stringify(service.build) }).toEqual({
        name,
        build: expect.stringContaining('deploy/Dockerfile') as unknown,
      });
      expect({ name, env: Object.keys(service.environment ?? {}) }).toEqual({
        name,
        env: expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS', 'HTTP_PORT']) as unknown,
      });
    }
    expect(apps.every(([, service]) => service.healthcheck !== undefined)).toBe(true);
  });
});
