import { CodedError } from '@cuakhau/platform';
import type { Principal, Role } from '../../auth/domain/access-rules';

/** Who reads the border guard's watch list: border-guard officers and supervisors (and ADMIN). */
export const WATCH_LIST_READERS: readonly Role[] = ['BORDER_GUARD_OFFICER', 'SUPERVISOR'];
/** Who changes it: supervisors (and ADMIN). An officer screens against it but never edits it. */
export const WATCH_LIST_EDITORS: readonly Role[] = ['SUPERVISOR'];

/**
 * Checks the border guard service does not make (it checks no roles): a reader or editor
 * must be a signed-in user bound to a gate (ADMIN excepted); editors are supervisors.
 */
export function assertWatchListAccess(principal: Principal, access: 'read' | 'write'): void {
  const forbidden = new CodedError(
    'AUTH.FORBIDDEN',
    'FORBIDDEN',
    access === 'write'
      ? 'only supervisors may change the watch list'
      : 'only border-guard officers and supervisors may read the watch list',
  );
  if (principal.kind !== 'user') throw forbidden;
  if (principal.role === 'ADMIN') return;
  const allowed = access === 'write' ? WATCH_LIST_EDITORS : WATCH_LIST_READERS;
  if (!allowed.includes(principal.role) || principal.gateCode === undefined) throw forbidden;
}
