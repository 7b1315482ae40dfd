import { Controller, Get, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SECTORS } from '@app/domain';
import { Audience, CurrentPrincipal, isOmbudsman, OrganisationPrincipal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { ValidationFailed } from '../common/api-error';
import { LEARNING_BASES } from './learning-query';
import { LearningQueryService, parseLearningQuery, SummaryAnswer, ThemesAnswer, TrendsAnswer } from './learning-query.service';

const MAX_TREND_WEEKS = 104;

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
  @ApiOkResponse({ description: '{from, to, rows: [{theme, count, upheldRate, previousCount}], dataAsOf, arrivedAfterPeriod} (by date of receipt; arrivedAfterPeriod: complaints received in the range that reached the service after it ended)' })
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
  @ApiQuery({
    name: 'basis',
    required: false,
    enum: LEARNING_BASES,
    description: 'arrival: complaints that reached this service in the range (the weekly digest counts this way); received (default): complaints the bodies received in the range — recent ranges are incomplete, see `completeness`',
  })
  @ApiOkResponse({
    description:
      'The summary plus {basis, lag: {count, medianDays, p90Days, over90Days}, completeness: {expectedShareArrived, incomplete} | null, dataAsOf, arrivedAfterPeriod, ' +
      'classifierAgreement: [{theme, confirmed, added, removed, precision, recall}] (every review to date: how often reviewers kept, added or removed each theme)}',
  })
  async summary(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<SummaryAnswer> {
    if (!isOmbudsman(principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'Only the Ombudsman may see the summary across bodies');
    const query = parseLearningQuery(raw, ['from', 'to', 'sector', 'basis']);
    return this.learning.summary(query, this.config.risingThemeMinCount);
  }

  /** Weekly counts by date of receipt, recent weeks marked incomplete from the observed lags (Ombudsman only). */
  @Get('trends')
  @Audience('organisation')
  @ApiQuery({ name: 'weeks', required: false, description: `How many weeks up to this one (1–${MAX_TREND_WEEKS}, default 12)` })
  @ApiQuery({ name: 'sector', required: false, enum: SECTORS })
  @ApiOkResponse({ description: '{basis: "received", dataAsOf, weeks: [{weekStart, count, expectedShareArrived, incomplete}], lag}' })
  async trends(@Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: OrganisationPrincipal): Promise<TrendsAnswer> {
    if (!isOmbudsman(principal)) throw new ApiError(HttpStatus.FORBIDDEN, 'Only the Ombudsman may see trends across bodies');
    const { weeks: rawWeeks, ...rest } = raw;
    const query = parseLearningQuery(rest, ['sector']);
    const weeks = rawWeeks === undefined ? 12 : Number(rawWeeks);
    if (!Number.isSafeInteger(weeks) || weeks < 1 || weeks > MAX_TREND_WEEKS) {
      throw new ValidationFailed([{ field: 'weeks', message: `weeks must be a whole number 1–${MAX_TREND_WEEKS}` }], 'The query is not valid');
    }
    return this.learning.trends(weeks, query.sector);
  }
}
