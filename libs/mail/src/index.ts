export * from './mail-errors';
export * from './mail-sender.service';
export * from './local-smtp-server';
export * from './smtp-catcher';
export * from './unsubscribe-token';
export * from './mail-jobs';
export * from './connection-slots';
export * from './transmission';
