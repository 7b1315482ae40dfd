export * from './queue.contract';
export * from './redis-options';
export * from './job-queues.service';
export * from './queue.module';
