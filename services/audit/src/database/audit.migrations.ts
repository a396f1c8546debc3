import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { AuditLog1767225600001 } from './migrations/1767225600001-audit-log';

/** Every migration of the audit service, oldest first (append only). */
export const AUDIT_MIGRATIONS = [MessagingSchema1767225600000, AuditLog1767225600001];
