/** Injection tokens of the audit service (symbols, never strings). */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');
