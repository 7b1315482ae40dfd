import { Body, Controller, HttpCode, HttpStatus, Inject, Logger, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, JobQueues } from '@app/contracts';
import { sendMailRequests } from '@app/mail';
import { DigestRepository } from '@app/persistence';
import { Audience } from '../auth/principal';
import { validateBody } from '../common/validate-body';
import { DigestRunResultDto, RunDigestsDto } from './digest-run.dto';

@ApiTags('digests')
@ApiBearerAuth()
@Controller('v1/digests')
export class DigestsController {
  private readonly logger = new Logger(DigestsController.name);

  constructor(
    private readonly digests: DigestRepository,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The same work as the scheduled run: records one digest per contact for the period
   * (a second or concurrent run records nothing new) and queues those not yet sent.
   */
  @Post('run')
  @Audience('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody({ type: RunDigestsDto })
  @ApiAcceptedResponse({ type: DigestRunResultDto })
  async run(@Body() body: unknown): Promise<DigestRunResultDto> {
    const input = validateBody(RunDigestsDto, body);
    const asOf = input.asOf ? new Date(input.asOf) : new Date();
    const plan = await this.digests.plan(input.frequency, asOf, this.config.digestTimeZone);
    const payloads = [
      ...plan.digestIds.map((id) => ({ kind: 'digest' as const, id })),
      ...plan.ombudsmanIds.map((id) => ({ kind: 'ombudsman' as const, id })),
    ];
    try {
      await this.queues.addBulk(JobName.SendMail, sendMailRequests(payloads, this.config.mailRetryDelayMs));
    } catch (error) {
      // The digests are recorded in PostgreSQL; the worker's outbox sweep queues them when Redis is back.
      this.logger.warn({ reason: (error as Error).message, digests: payloads.length }, 'digests recorded but not queued yet');
    }
    return {
      frequency: input.frequency,
      periodStart: plan.period.start.toISOString(),
      periodEnd: plan.period.end.toISOString(),
      queued: plan.digestIds.length,
      ombudsmanQueued: plan.ombudsmanIds.length,
    };
  }
}
