export * from './child-process';
export * from './eventually';
export * from './ports';
