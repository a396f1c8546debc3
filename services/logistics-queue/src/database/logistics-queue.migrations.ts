import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { Yard1767225600001 } from './migrations/1767225600001-yard';

/** Every migration of the logistics queue, oldest first (append only). */
export const LOGISTICS_QUEUE_MIGRATIONS = [MessagingSchema1767225600000, Yard1767225600001];
