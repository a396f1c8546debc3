// Public face of @cuakhau/contracts: topics, the TypeScript generated from proto/
// (never edited by hand, `npm run proto:generate`), the event catalogue and gRPC loading.
export * from './topics';
export * from './events';
export * from './grpc';
export * from './decision-signing';

// Generated namespaces: `<area>V1` holds the events and types of cuakhau.<area>.v1,
// `<area>ServiceV1` its gRPC service (NestJS controller/client interfaces, decorators).
export * as commonV1 from './generated/cuakhau/common/v1/common';
export * as registryV1 from './generated/cuakhau/registry/v1/events';
export * as registryServiceV1 from './generated/cuakhau/registry/v1/registry_service';
export * as customsV1 from './generated/cuakhau/customs/v1/events';
export * as customsServiceV1 from './generated/cuakhau/customs/v1/customs_service';
export * as borderGuardV1 from './generated/cuakhau/border_guard/v1/events';
export * as borderGuardServiceV1 from './generated/cuakhau/border_guard/v1/border_guard_service';
export * as quarantineV1 from './generated/cuakhau/quarantine/v1/events';
export * as quarantineServiceV1 from './generated/cuakhau/quarantine/v1/quarantine_service';
export * as queueV1 from './generated/cuakhau/queue/v1/events';
export * as queueServiceV1 from './generated/cuakhau/queue/v1/queue_service';
export * as auditV1 from './generated/cuakhau/audit/v1/events';
export * as auditServiceV1 from './generated/cuakhau/audit/v1/audit_service';
export * as feedbackServiceV1 from './generated/cuakhau/audit/v1/feedback_service';
export * as platformV1 from './generated/cuakhau/platform/v1/probe';
