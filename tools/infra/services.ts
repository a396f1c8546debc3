import type { InfrastructureEndpoints, ServiceName } from '@cuakhau/local-infra';

/** The ports of every service when run locally by `npm start` (and by e2e tests). */
export interface ServiceDefinition {
  name: ServiceName;
  httpPort: number;
  /** The gateway serves HTTP only. */
  grpcPort?: number;
}

export const SERVICES: readonly ServiceDefinition[] = [
  { name: 'registry', httpPort: 3001, grpcPort: 50051 },
  { name: 'customs', httpPort: 3002, grpcPort: 50052 },
  { name: 'border-guard', httpPort: 3003, grpcPort: 50053 },
  { name: 'quarantine', httpPort: 3004, grpcPort: 50054 },
  { name: 'logistics-queue', httpPort: 3005, grpcPort: 50055 },
  { name: 'audit', httpPort: 3006, grpcPort: 50056 },
  { name: 'gateway', httpPort: 8080 },
];

/** "border-guard" → "BORDER_GUARD_GRPC_URL". */
export function grpcUrlVariable(name: ServiceName): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_GRPC_URL`;
}

/** The gateway listens on PORT when set (the public port); the others on fixed ports. */
export function httpPortOf(service: ServiceDefinition, env: NodeJS.ProcessEnv): number {
  const override = Number(env.PORT);
  return service.name === 'gateway' && Number.isInteger(override) && override > 0
    ? override
    : service.httpPort;
}

/** Every `<NAME>_GRPC_URL=127.0.0.1:<port>` so clients find each other. */
export function grpcUrls(): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const service of SERVICES) {
    if (service.grpcPort !== undefined) {
      urls[grpcUrlVariable(service.name)] = `127.0.0.1:${service.grpcPort}`;
    }
  }
  return urls;
}

/** The environment one service process gets. */
export function serviceEnv(
  service: ServiceDefinition,
  endpoints: InfrastructureEndpoints,
  baseEnv: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const own: Record<string, string> = {
    ...baseEnv,
    ...grpcUrls(),
    DATABASE_URL: endpoints.serviceDatabaseUrls[service.name],
    HTTP_PORT: String(httpPortOf(service, env)),
  };
  if (service.grpcPort !== undefined) own.GRPC_PORT = String(service.grpcPort);
  return own;
}
