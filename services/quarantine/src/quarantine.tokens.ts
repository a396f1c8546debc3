/** Injection tokens of quarantine (symbols, never strings). */
export const QUARANTINE_CONFIG = Symbol('QUARANTINE_CONFIG');
export const QUARANTINE_LOGGER = Symbol('QUARANTINE_LOGGER');
export const QUARANTINE_SIGNING_KEY = Symbol('QUARANTINE_SIGNING_KEY');
