import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { JobQueues, QueueName } from '@app/contracts';
import { Audience } from '../auth/principal';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: JobQueues,
  ) {}

  @Get()
  @Audience('public')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('postgres', { timeout: 2000 }), () => this.redis()]);
  }

  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      const client = (await this.queues.queue(QueueName.Complaints).client) as unknown as Redis;
      await client.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
