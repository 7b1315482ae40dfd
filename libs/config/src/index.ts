export * from './app-config';
export * from './config.module';
export * from './logging';
export * from './safe-error';
export * from './process-guards';
export * from './trust-proxy';
export * from './deployment-settings';
export * from './unsubscribe-keys';
