import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { GatesAndShipments1767225600001 } from './migrations/1767225600001-gates-and-shipments';
import { RegisterIdempotency1767225600002 } from './migrations/1767225600002-register-idempotency';

/** Every migration of the registry, oldest first (append only). */
export const REGISTRY_MIGRATIONS = [
  MessagingSchema1767225600000,
  GatesAndShipments1767225600001,
  RegisterIdempotency1767225600002,
];
