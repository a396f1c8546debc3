/** Injection tokens of the logistics queue (symbols, never strings). */
export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');
export const QUEUE_LOGGER = Symbol('QUEUE_LOGGER');
