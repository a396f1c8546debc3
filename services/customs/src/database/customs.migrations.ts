import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { CasesAndRiskRules1767225600001 } from './migrations/1767225600001-cases-and-risk-rules';

/** Every migration of customs, oldest first (append only). */
export const CUSTOMS_MIGRATIONS = [MessagingSchema1767225600000, CasesAndRiskRules1767225600001];
