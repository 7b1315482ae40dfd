import { contactFieldProblems, parseServiceAreaLines } from './contact-fields';

describe('contact field rules', () => {
  it('accepts a well-formed contact', () => {
    expect(contactFieldProblems({ name: 'Sam Jones', email: 'sam.jones@example.org', serviceAreas: ['Maternity'], themes: ['delay', 'communication'], digest: 'weekly' })).toEqual([]);
  });

  it('names each field that is wrong and says why, in field order', () => {
    expect(
      contactFieldProblems({ digest: 'hourly', themes: ['parking'], serviceAreas: 'Maternity', email: 'not an email', name: 'Line\nbreak' }).map((p) => [p.field, p.message]),
    ).toEqual([
      ['name', 'Name must not contain line breaks or other control characters'],
      ['email', 'Enter an email address in the correct format, like name@example.org'],
      ['serviceAreas', 'Service areas must be a list of names'],
      ['themes', expect.stringMatching(/^Themes must be from the taxonomy \(clinical-care, /)],
      ['digest', 'Select how often the contact gets a digest: daily, weekly or none'],
    ]);
  });

  it('checks only the fields given, and the limits at their edges', () => {
    expect(contactFieldProblems({})).toEqual([]);
    expect(contactFieldProblems({ name: 'a'.repeat(200) })).toEqual([]);
    expect(contactFieldProblems({ name: 'a'.repeat(201) })).toEqual([{ field: 'name', message: 'Name must be 200 characters or fewer' }]);
    expect(contactFieldProblems({ name: '' })).toEqual([{ field: 'name', message: 'Enter a name' }]);
    expect(contactFieldProblems({ serviceAreas: Array.from({ length: 101 }, (_, i) => `Area ${i}`) })).toEqual([{ field: 'serviceAreas', message: 'Enter 100 service areas or fewer' }]);
    expect(contactFieldProblems({ serviceAreas: [''] })).toEqual([{ field: 'serviceAreas', message: 'A service area must not be empty' }]);
    expect(contactFieldProblems({ serviceAreas: ['a'.repeat(201)] })).toEqual([{ field: 'serviceAreas', message: 'Each service area must be 200 characters or fewer' }]);
    expect(contactFieldProblems({ email: `${'a'.repeat(250)}@x.org` })[0].field).toBe('email');
    expect(contactFieldProblems({ email: 'sam@exa\ud800mple.org' })[0].field).toBe('email');
    expect(contactFieldProblems({ themes: [], serviceAreas: [] })).toEqual([]);
  });
});

describe('parseServiceAreaLines', () => {
  it('takes one service area per line, trimmed, without blanks or repeats (ignoring case)', () => {
    expect(parseServiceAreaLines('Maternity\r\n\n  Neonatal care, special care baby unit  \nmaternity\n')).toEqual(['Maternity', 'Neonatal care, special care baby unit']);
    expect(parseServiceAreaLines('')).toEqual([]);
  });
});
