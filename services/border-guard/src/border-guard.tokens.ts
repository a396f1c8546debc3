/** Injection tokens of the border guard (symbols, never strings). */
export const BORDER_GUARD_CONFIG = Symbol('BORDER_GUARD_CONFIG');
export const BORDER_GUARD_LOGGER = Symbol('BORDER_GUARD_LOGGER');
