import { Accounts1767225600000 } from './migrations/1767225600000-accounts';

/** Every migration of the gateway, oldest first (append only). */
export const GATEWAY_MIGRATIONS = [Accounts1767225600000];
