import { HttpStatus, Injectable } from '@nestjs/common';
import { buildAnnualReport, renderAnnualReportHtml, type AnnualReport } from '@app/domain/reports';
import type { FinancialYear } from '@app/domain/returns';
import { ReturnsRepository } from '@app/persistence';
import { ApiError } from '../common/api-error';
import { ReturnsService } from '../returns/returns.service';
import { PdfRenderer, PdfUnavailableError } from './pdf.renderer';

/** Loads one body's year and its sector's theme counts; the report itself is built and rendered in @app/domain/reports. */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly returns: ReturnsService,
    private readonly repository: ReturnsRepository,
    private readonly pdf: PdfRenderer,
  ) {}

  async annual(organisationId: string | null, year: FinancialYear): Promise<AnnualReport> {
    if (!organisationId) throw new ApiError(HttpStatus.BAD_REQUEST, 'An annual report is for one organisation: give organisationId', [{ field: 'organisationId', message: 'is required for the Ombudsman' }]);
    const data = await this.returns.load(organisationId, year, 'health');
    const [organisation] = data.organisations;
    const sector = await this.repository.sectorThemeCounts(organisation.sector, year.from, year.to);
    return buildAnnualReport({
      organisation,
      year,
      complaints: data.rows.get(organisation.id) ?? [],
      sector,
      dataAsOf: data.dataAsOf,
      arrivedAfterPeriod: data.late.get(organisation.id) ?? 0,
    });
  }

  html(report: AnnualReport): string {
    return renderAnnualReportHtml(report);
  }

  /** The same HTML, printed; 503 when printing is not possible here, naming what to install. */
  async pdfOf(report: AnnualReport): Promise<Buffer> {
    try {
      return await this.pdf.render(renderAnnualReportHtml(report));
    } catch (error) {
      if (error instanceof PdfUnavailableError) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, error.message, [{ field: 'format', message: 'pdf is unavailable; format=html works' }]);
      throw error;
    }
  }
}
