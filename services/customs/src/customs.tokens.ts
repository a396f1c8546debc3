/** Injection tokens of customs (symbols, never strings). */
export const CUSTOMS_CONFIG = Symbol('CUSTOMS_CONFIG');
export const CUSTOMS_LOGGER = Symbol('CUSTOMS_LOGGER');
