/** Unit specs sit beside the code in libs/ and apps/; integration and e2e specs live in test/. */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

const moduleNameMapper = {
  '^@app/(contracts|config|domain|persistence|mail|intake)(/.*)?$': '<rootDir>/libs/$1/src$2',
};

const config = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/(content-disposition)/.+\\.js$': swc },
  // A few dependencies ship ESM only; Node 20 can require() them, Jest needs them compiled.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper,
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/faults/'],
  testTimeout: 60_000,
};

module.exports = config;
Object.defineProperty(config, "_shared", { value: { swc, moduleNameMapper }, enumerable: false });
