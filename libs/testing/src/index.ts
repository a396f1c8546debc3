export * from './child-process';
export * from './eventually';
