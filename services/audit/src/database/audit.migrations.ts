import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { AuditLog1767225600001 } from './migrations/1767225600001-audit-log';
import { Feedback1767225600010 } from './migrations/1767225600010-feedback';
import { ClearanceReportIndexes1767225600100 } from './migrations/1767225600100-clearance-report-indexes';

/** Every migration of the audit service, oldest first (append only). */
export const AUDIT_MIGRATIONS = [
  MessagingSchema1767225600000,
  AuditLog1767225600001,
  Feedback1767225600010,
  ClearanceReportIndexes1767225600100,
];
