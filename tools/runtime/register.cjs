'use strict';
// Runs TypeScript sources directly under Node (node -r tools/runtime/register.cjs file.ts).
// Type checking is `npm run typecheck`'s job; this only strips types with SWC, which
// keeps start-up fast and needs no build step or dist/ folders (ADR 0005).
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const options = require('./swc-options.cjs');

if (!require.extensions['.ts']) {
  require('node:process').setSourceMapsEnabled(true);
  require.extensions['.ts'] = function compileTs(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = transformSync(source, { ...options, filename });
    module._compile(code, filename);
  };
}
