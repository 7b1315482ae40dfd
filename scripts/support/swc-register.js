/**
 * A require hook that compiles TypeScript with SWC, decorator metadata included, for scripts
 * that start the Nest apps in-process (`npm run review-loop`). tsx (esbuild) cannot emit
 * decorator metadata, which Nest's dependency injection reads. Same settings as jest.config.js.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = join(__dirname, '..', '..');
const ALIAS = /^@app\/(contracts|config|domain|persistence|mail|intake)(\/.*)?$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const match = ALIAS.exec(request);
  return resolve.call(this, match ? join(ROOT, 'libs', match[1], 'src', match[2] ?? '') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
