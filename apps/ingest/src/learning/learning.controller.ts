import { Controller, Get, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SECTORS } from '@app/domain';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { LearningQueryService, parseLearningQuery, SummaryAnswer, ThemesAnswer } from './learning-query.service';

const RANGE_DOC = { required: false, description: "YYYY-MM-DD; from inclusive, to exclusive (London days of receipt); default the last 30 days" };

@ApiTags('learning')
@ApiBearerAuth()
@Controller('v1/learning')
export class LearningController {
  constructor(
    private readonly learning: LearningQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Theme counts: the Ombudsman across all bodies (or one); a public body only ever its own. */
  @Get('themes')
  @Audience('organisation')
  @ApiQuery({ name: 'from', ...RANGE_DOC })
  @ApiQuery({ name: 'to', ...RANGE_DOC })
  @ApiQuery({ name: 'sector', required: false, enum: SECTORS })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiOkResponse({ description: '{from, to, rows: [{theme, count, upheldRate, previousCount}]}' })
  async themes(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<ThemesAnswer> {
    const query = parseLearningQuery(raw, ['from', 'to', 'sector', 'organisationId']);
    if (!isOmbudsman(principal)) {
      // Another body's id answers like a missing one: ids are not an oracle.
      if (query.organisationId && query.organisationId !== principal.organisationId) throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
      query.organisationId = principal.organisationId;
    }
    return this.learning.themes(query);
  }

  /** The Ombudsman's sector-wide summary: bodies, themes, uphold rates, rising themes, serious cases, remedies. */
  @Get('summary')
  @Audience('organisation')
  @ApiQuery({ name: 'from', ...RANGE_DOC })
  @ApiQuery({ name: 'to', ...RANGE_DOC })
  @ApiQuery({ name: 'sector', required: false, enum: SECTORS })
  async summary(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<SummaryAnswer> {
    if (!isOmbudsman(principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'Only the Ombudsman may see the summary across bodies');
    const query = parseLearningQuery(raw, ['from', 'to', 'sector']);
    return this.learning.summary(query, this.config.risingThemeMinCount);
  }
}
