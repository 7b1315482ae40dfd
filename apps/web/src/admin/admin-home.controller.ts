import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebAudience } from '../auth/web-audience.decorator';
import { RoutingRuleAdministration } from '@app/persistence/administration';
import { QUEUES_PATH } from './queue-dashboard';

/** The operator's start page: where each part of the console is. */
@ApiExcludeController()
@Controller('admin')
@WebAudience('operator')
export class AdminHomeController {
  constructor(private readonly rules: RoutingRuleAdministration) {}

  @Get()
  @Render('admin/home.njk')
  async home() {
    return { ruleCount: (await this.rules.list()).length, queuesPath: QUEUES_PATH };
  }
}
