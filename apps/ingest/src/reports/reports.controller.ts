import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AnnualReport } from '@app/domain/reports';
import { Audience, CurrentPrincipal, OrganisationPrincipal } from '../auth/principal';
import { AnnualReportService } from './annual-report.service';
import { parseReportQuery, REPORT_FORMATS } from './report-query';

/** The annual complaints report as accessible, printable HTML, as PDF, or as its data in JSON (see docs/returns.md). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get('annual')
  @Audience('organisation')
  @ApiQuery({ name: 'organisationId', required: false, description: 'A body: its own only (default). The Ombudsman: any body (required).' })
  @ApiQuery({ name: 'year', required: true, description: 'Financial year by its first calendar year: 2025 = April 2025 – March 2026.' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'html (default), pdf (also `Accept: application/pdf`), or json: the figures the page shows.' })
  @ApiProduces('text/html', 'application/pdf', 'application/json')
  @ApiOkResponse({ description: 'The report: numbers, themes against the sector median per 1,000 complaints, upheld rate, remedies, learning by theme, time taken, and dataAsOf.' })
  @ApiServiceUnavailableResponse({ description: 'format=pdf where Chromium is not installed (CHROMIUM_PATH) or printing took too long; the message says what to install.' })
  async annual(
    @Query() raw: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: OrganisationPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer | AnnualReport> {
    const query = parseReportQuery(raw, accept, principal);
    const report = await this.reports.annual(query.organisationId, query.year);
    // Headers only once the work is done, so an error still leaves as the API's JSON error.
    void reply.header('Vary', 'Accept');
    if (query.format === 'json') return report;
    if (query.format === 'html') {
      void reply.header('Content-Type', 'text/html; charset=utf-8');
      return this.reports.html(report);
    }
    const pdf = await this.reports.pdfOf(report);
    const file = `annual-report-${report.financialYear}-${report.organisation.id}.pdf`;
    void reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `inline; filename="${file}"`);
    return pdf;
  }
}
