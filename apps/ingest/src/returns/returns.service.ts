import { HttpStatus, Injectable } from '@nestjs/common';
import type { Sector } from '@app/domain';
import {
  buildCouncilReturn,
  buildKo41aReturn,
  type CouncilReturn,
  type FinancialYear,
  type Ko41aReturn,
  type ReturnComplaintRow,
  type ReturnOrganisation,
} from '@app/domain/returns';
import { ReturnsRepository } from '@app/persistence';
import { ApiError } from '../common/api-error';

/** Every return of one kind for a year: one body's, or all bodies' of the return's sector. */
export interface ReturnsAnswer<R> {
  financialYear: string;
  from: string;
  to: string;
  dataAsOf: string;
  returns: R[];
}

interface Loaded {
  organisations: ReturnOrganisation[];
  rows: Map<string, ReturnComplaintRow[]>;
  late: Map<string, number>;
  dataAsOf: string;
}

/** Loads what returns count and hands it to the pure builders in @app/domain/returns. */
@Injectable()
export class ReturnsService {
  constructor(private readonly returns: ReturnsRepository) {}

  async ko41a(organisationId: string | null, year: FinancialYear): Promise<ReturnsAnswer<Ko41aReturn>> {
    const data = await this.load(organisationId, year, 'health');
    return this.answer(year, data, (organisation, complaints, arrivedAfterPeriod) =>
      buildKo41aReturn({ organisation, year, complaints, dataAsOf: data.dataAsOf, arrivedAfterPeriod }),
    );
  }

  async council(organisationId: string | null, year: FinancialYear): Promise<ReturnsAnswer<CouncilReturn>> {
    const data = await this.load(organisationId, year, 'local-government');
    return this.answer(year, data, (organisation, complaints, arrivedAfterPeriod) =>
      buildCouncilReturn({ organisation, year, complaints, dataAsOf: data.dataAsOf, arrivedAfterPeriod }),
    );
  }

  /** Also used by the annual report: one body's counted complaints received in the year. */
  async load(organisationId: string | null, year: FinancialYear, sectorOfAll: Sector): Promise<Loaded> {
    // One body: whatever its sector (it asked for this return). All bodies: the return's sector.
    const organisations = await this.returns.organisations(organisationId ? { id: organisationId } : { sector: sectorOfAll });
    if (organisationId && organisations.length === 0) throw new ApiError(HttpStatus.NOT_FOUND, 'Organisation not found');
    const ids = organisations.map((o) => o.id);
    const [complaints, late, readAt] = await Promise.all([
      this.returns.complaints(ids, year.from, year.to),
      this.returns.arrivedAfter(ids, year.from, year.to),
      this.returns.now(),
    ]);
    const rows = new Map<string, ReturnComplaintRow[]>(ids.map((id) => [id, []]));
    for (const row of complaints) rows.get(row.organisationId)?.push(row);
    // Read straight from the complaint table (not the rollup): the figures are as of the read.
    return { organisations, rows, late, dataAsOf: readAt.toISOString() };
  }

  private answer<R>(year: FinancialYear, data: Loaded, build: (o: ReturnOrganisation, rows: ReturnComplaintRow[], late: number) => R): ReturnsAnswer<R> {
    return {
      financialYear: year.label,
      from: year.from,
      to: year.to,
      dataAsOf: data.dataAsOf,
      returns: data.organisations.map((o) => build(o, data.rows.get(o.id) ?? [], data.late.get(o.id) ?? 0)),
    };
  }
}
