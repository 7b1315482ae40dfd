import { parseLearningQuery, withDrill } from './learning-query';
import { cspSafeSvg } from './csp-safe-svg';

const TODAY = '2026-12-04';

describe('parseLearningQuery', () => {
  it('reads a custom period from GOV.UK date inputs and carries it canonically', () => {
    const parsed = parseLearningQuery({ period: 'custom', 'from-day': '05', 'from-month': '10', 'from-year': '2026', 'to-day': '1', 'to-month': '11', 'to-year': '2026', theme: 'housing' }, TODAY, true);
    expect(parsed.errors).toEqual({});
    expect(parsed.filters?.period).toMatchObject({ from: '2026-10-05', to: '2026-11-02', previous: { from: '2026-09-07', to: '2026-10-05' } });
    expect(parsed.carried).toEqual([
      ['period', 'custom'], ['from-day', '5'], ['from-month', '10'], ['from-year', '2026'], ['to-day', '1'], ['to-month', '11'], ['to-year', '2026'], ['theme', 'housing'],
    ]);
  });

  it('names each wrong field in words a person can act on', () => {
    const parsed = parseLearningQuery({ period: 'custom', 'from-day': '31', 'from-month': '2', 'from-year': '2026', 'to-day': '1', 'to-month': '1', 'to-year': '2099', sector: 'space', theme: 'x', organisationId: 'nope' }, TODAY, true);
    expect(parsed.filters).toBeUndefined();
    expect(parsed.errors).toEqual({
      'from-day': 'Date from must be a real date, for example 27 3 2026',
      'to-day': 'Date to must be today or in the past',
      sector: 'Select a sector from the list',
      theme: 'Select a theme from the list',
      organisationId: 'Select an organisation from the list',
    });
    expect(parseLearningQuery({ period: 'custom', 'to-day': '1', 'to-month': '1', 'to-year': '2026', 'from-day': '2', 'from-month': '1', 'from-year': '2026' }, TODAY, true).errors).toEqual({
      'to-day': 'Date to must be the same as or after date from',
    });
    expect(parseLearningQuery({ period: 'custom' }, TODAY, true).errors).toEqual({ 'from-day': 'Enter the date from', 'to-day': 'Enter the date to' });
  });

  it('ignores dates under a preset, and a public body’s organisation filter', () => {
    const parsed = parseLearningQuery({ period: 'quarter', 'from-day': '1', organisationId: 'a0000000-0000-4000-8000-000000000001' }, TODAY, false);
    expect(parsed.errors).toEqual({});
    expect(parsed.filters?.organisationId).toBeUndefined();
    expect(parsed.form.from).toEqual({ day: '', month: '', year: '' });
    expect(parsed.carried).toEqual([['period', 'quarter']]);
  });

  it('puts a drill target in place of the same filters', () => {
    expect(withDrill([['period', 'year'], ['theme', 'delay'], ['sector', 'health']], { theme: 'housing' })).toEqual([['period', 'year'], ['sector', 'health'], ['theme', 'housing']]);
  });
});

describe('cspSafeSvg', () => {
  it('turns style attributes into presentation attributes and drops <style> elements and unknown declarations', () => {
    const svg = '<svg><style ><![CDATA[.a:hover{cursor:pointer}]]></style><text style="font-size:12px;font-family:Arial, sans-serif;behavior:url(x)" x="1">a&lt;b</text></svg>';
    expect(cspSafeSvg(svg)).toBe('<svg><text font-size="12px" font-family="Arial, sans-serif" x="1">a&lt;b</text></svg>');
  });
});
