'use strict';
// One SWC configuration for every place TypeScript runs without a build step:
// jest (through @swc/jest) and the runtime hook (register.cjs). NestJS needs
// legacy decorators with emitted metadata; the output is CommonJS for Node 20.
module.exports = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', strictMode: true },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};
