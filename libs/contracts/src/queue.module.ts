import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobQueues } from './job-queues.service';
import { QueueName } from './queue.contract';
import { redisOptionsFromUrl } from './redis-options';

export interface QueueModuleOptions {
  /**
   * Producers fail fast when Redis is away (PostgreSQL already holds the record and the
   * re-drive will queue it); consumers wait for Redis to come back.
   */
  role: 'producer' | 'consumer';
}

@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    const registered = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            prefix: config.queuePrefix,
            connection: {
              ...redisOptionsFromUrl(config.redisUrl),
              ...(options.role === 'producer'
                ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
                : { maxRetriesPerRequest: null }),
            },
          }),
        }),
        ...registered,
      ],
      providers: [JobQueues],
      exports: [JobQueues, ...registered],
    };
  }
}
