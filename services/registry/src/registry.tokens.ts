/** Injection tokens of the registry (symbols, never strings). */
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
export const REGISTRY_LOGGER = Symbol('REGISTRY_LOGGER');
