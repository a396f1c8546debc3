export * from './infra.errors';
export * from './kafka';
