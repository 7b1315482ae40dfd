import { ValidationFailed } from '../common/api-error';
import type { OrganisationPrincipal } from '../auth/principal';
import { parseReportQuery } from './report-query';

const body: OrganisationPrincipal = { type: 'organisation', organisationId: '5b0c3c1e-4f7a-4c57-9d6a-0c2f1b8e9a10', kind: 'public-body', sector: 'health', keyId: 'k1' };

describe('parseReportQuery', () => {
  it('answers HTML by default, even to a browser’s long Accept header', () => {
    expect(parseReportQuery({ year: '2025' }, 'text/html,application/xhtml+xml,*/*;q=0.8', body).format).toBe('html');
  });

  it('answers PDF to format=pdf or an Accept that names application/pdf; JSON to format=json', () => {
    expect(parseReportQuery({ year: '2025', format: 'pdf' }, undefined, body).format).toBe('pdf');
    expect(parseReportQuery({ year: '2025' }, 'application/pdf', body).format).toBe('pdf');
    expect(parseReportQuery({ year: '2025', format: 'json' }, 'application/pdf', body).format).toBe('json');
  });

  it('names every bad parameter at once', () => {
    try {
      parseReportQuery({ year: 'last', format: 'docx' }, undefined, body);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).details.map((d) => d.field).sort()).toEqual(['format', 'year']);
    }
  });
});
