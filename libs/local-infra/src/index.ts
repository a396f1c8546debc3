export * from './ensure-infrastructure';
export * from './endpoint-selection';
export * from './infra.errors';
export * from './kafka';
export * from './paths';
export * from './postgres';
export * from './process-control';
export * from './redis';
export { dockerAnswers } from './docker';
