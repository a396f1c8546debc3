import type { Agency, Role } from '../api/types';

/** A menu entry: the path and the i18n key of its label. */
export interface MenuItem {
  readonly path: string;
  readonly labelKey: string;
}

export function agencyOfRole(role: Role): Agency | undefined {
  switch (role) {
    case 'CUSTOMS_OFFICER':
      return 'customs';
    case 'BORDER_GUARD_OFFICER':
      return 'border-guard';
    case 'QUARANTINE_OFFICER':
      return 'quarantine';
    case 'TRADER':
    case 'YARD_OPERATOR':
    case 'SUPERVISOR':
    case 'ADMIN':
      return undefined;
    default: {
      const unknownRole: never = role;
      throw new TypeError(`unknown role ${String(unknownRole)}`);
    }
  }
}

const TRADER_MENU: readonly MenuItem[] = [
  { path: '/shipments', labelKey: 'menu.shipments' },
  { path: '/shipments/new', labelKey: 'menu.newShipment' },
];
const YARD_MENU: readonly MenuItem[] = [{ path: '/yard', labelKey: 'menu.yard' }];
const SUPERVISOR_MENU: readonly MenuItem[] = [
  { path: '/reports', labelKey: 'menu.reports' },
  { path: '/audit', labelKey: 'menu.audit' },
];
const DRIVER_ITEM: MenuItem = { path: '/driver', labelKey: 'menu.driver' };
/** Every signed-in role has the feedback desk: traders write, agencies answer, supervisors watch. */
const FEEDBACK_ITEM: MenuItem = { path: '/feedback', labelKey: 'feedback.menu' };

function casesItem(agency: Agency): MenuItem {
  return { path: `/cases/${agency}`, labelKey: `menu.cases.${agency}` };
}

/** Only what the role may do (the gateway enforces it again on every call). */
export function menuFor(role: Role): readonly MenuItem[] {
  return [...workMenuFor(role), FEEDBACK_ITEM];
}

function workMenuFor(role: Role): readonly MenuItem[] {
  switch (role) {
    case 'TRADER':
      return TRADER_MENU;
    case 'CUSTOMS_OFFICER':
    case 'BORDER_GUARD_OFFICER':
    case 'QUARANTINE_OFFICER': {
      const agency = agencyOfRole(role);
      return agency === undefined ? [] : [casesItem(agency)];
    }
    case 'YARD_OPERATOR':
      return YARD_MENU;
    case 'SUPERVISOR':
      return SUPERVISOR_MENU;
    case 'ADMIN':
      return [
        ...TRADER_MENU,
        casesItem('customs'),
        casesItem('border-guard'),
        casesItem('quarantine'),
        ...YARD_MENU,
        ...SUPERVISOR_MENU,
        DRIVER_ITEM,
      ];
    default: {
      const unknownRole: never = role;
      throw new TypeError(`unknown role ${String(unknownRole)}`);
    }
  }
}

/** Where a role lands after login. */
export function homeOf(role: Role): string {
  return menuFor(role)[0]?.path ?? '/';
}

/** Whether the role may open `path` (the driver page is public). */
export function mayOpen(role: Role | undefined, path: string): boolean {
  if (path === '/' || path === '/login' || path.startsWith('/driver')) return true;
  if (role === undefined) return false;
  return menuFor(role).some((item) => path === item.path || path.startsWith(`${item.path}/`));
}
