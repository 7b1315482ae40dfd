export * from './model/taxonomy';
export * from './model/complaint';
export * from './model/fingerprint';
export * from './model/seeded-random';
