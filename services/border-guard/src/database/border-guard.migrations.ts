import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { CasesWatchListPermits1767225600001 } from './migrations/1767225600001-cases-watch-list-permits';
import { WatchListNameKeys1767225600002 } from './migrations/1767225600002-watch-list-name-keys';

/** Every migration of the border guard, oldest first (append only). */
export const BORDER_GUARD_MIGRATIONS = [
  MessagingSchema1767225600000,
  CasesWatchListPermits1767225600001,
  WatchListNameKeys1767225600002,
];
