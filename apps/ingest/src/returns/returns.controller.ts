import { applyDecorators, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { councilCsv, ko41aCsv, type CouncilReturn, type Ko41aReturn } from '@app/domain/returns';
import { Audience, CurrentPrincipal, OrganisationPrincipal } from '../auth/principal';
import { parseReturnQuery, type ReturnQuery } from './returns-query';
import { ReturnsAnswer, ReturnsService } from './returns.service';

const ORGANISATION_DOC = { required: false, description: 'A body: its own only (default). The Ombudsman: any body, or leave it out for every body in one file.' };
const YEAR_DOC = { required: true, description: 'Financial year by its first calendar year: 2025 = 1 April 2025 – 31 March 2026 (by date of receipt).' };
const FORMAT_DOC = { required: false, enum: ['csv', 'json'], description: 'csv, or json (default); `Accept: text/csv` also gives CSV.' };

/** What every return endpoint shares: route, audience and the query it documents. */
function ReturnEndpoint(path: string): MethodDecorator {
  return applyDecorators(
    Get(path),
    Audience('organisation'),
    ApiQuery({ name: 'organisationId', ...ORGANISATION_DOC }),
    ApiQuery({ name: 'year', ...YEAR_DOC }),
    ApiQuery({ name: 'format', ...FORMAT_DOC }),
    ApiProduces('application/json', 'text/csv'),
  );
}

/** Official returns (see docs/returns.md): the NHS KO41a and a council's LGSCO review-letter figures. */
@ApiTags('returns')
@ApiBearerAuth()
@Controller('v1/returns')
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @ReturnEndpoint('ko41a')
  @ApiOkResponse({
    description:
      'JSON {financialYear, from, to, dataAsOf, returns: [{organisation, totalNewComplaints, outcomes, serviceAreas, subjects, subjectTotal, dataAsOf, arrivedAfterPeriod}]}; ' +
      'CSV columns organisation_id, organisation_name, financial_year, section, code, item, count. All bodies: the health sector.',
  })
  async ko41a(
    @Query() raw: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: OrganisationPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnsAnswer<Ko41aReturn> | string> {
    const query = parseReturnQuery(raw, accept, principal);
    const answer = await this.returns.ko41a(query.organisationId, query.year);
    return query.format === 'csv' ? sendCsv(reply, `ko41a-${answer.financialYear}`, query, ko41aCsv(answer.returns)) : answer;
  }

  @ReturnEndpoint('council')
  @ApiOkResponse({
    description:
      'JSON {financialYear, from, to, dataAsOf, returns: [{organisation, complaints, decisions, upheld, notUpheld, upheldRate, upheldWithRemedy, remedyRate, serviceImprovements, remedies, byCategory, dataAsOf, arrivedAfterPeriod}]}; ' +
      'CSV columns organisation_id, organisation_name, financial_year, section, item, complaints, decisions, upheld, upheld_rate. All bodies: the local-government sector.',
  })
  async council(
    @Query() raw: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: OrganisationPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnsAnswer<CouncilReturn> | string> {
    const query = parseReturnQuery(raw, accept, principal);
    const answer = await this.returns.council(query.organisationId, query.year);
    return query.format === 'csv' ? sendCsv(reply, `council-${answer.financialYear}`, query, councilCsv(answer.returns)) : answer;
  }
}

/** Headers set here, after the work, so an error still leaves as the API's JSON error. */
function sendCsv(reply: FastifyReply, name: string, query: ReturnQuery, csv: string): string {
  const file = `${name}-${query.organisationId ?? 'all-bodies'}.csv`;
  void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file}"`);
  return csv;
}
