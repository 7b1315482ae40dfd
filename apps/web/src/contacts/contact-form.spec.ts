import { readContactForm, validateContactForm } from './contact-form';

describe('the add/edit contact form', () => {
  it('reads urlencoded fields: one theme is a string, several an array, none absent', () => {
    expect(readContactForm({ name: '  Jo  ', email: ' jo@example.org ', serviceAreas: 'A\nB', themes: 'delay', digest: 'daily', _csrf: 'x' })).toEqual({
      name: 'Jo',
      email: 'jo@example.org',
      serviceAreas: 'A\nB',
      themes: ['delay'],
      digest: 'daily',
    });
    expect(readContactForm({ themes: ['delay', 'housing'] }).themes).toEqual(['delay', 'housing']);
    expect(readContactForm(undefined)).toEqual({ name: '', email: '', serviceAreas: '', themes: [], digest: '' });
  });

  it('says what to do for each unanswered question, in page order', () => {
    expect(validateContactForm(readContactForm({}))).toEqual({
      ok: false,
      errors: { name: 'Enter the contact’s name', email: 'Enter the contact’s email address', digest: 'Select how often the contact gets a digest' },
    });
  });

  it('applies the shared rules and gives the fields to store', () => {
    const bad = validateContactForm(readContactForm({ name: 'Jo', email: 'jo@@x', themes: ['parking'], digest: 'hourly' }));
    expect(bad.ok ? [] : Object.keys(bad.errors)).toEqual(['email', 'themes', 'digest']);
    expect(validateContactForm(readContactForm({ name: 'Jo', email: 'jo@example.org', serviceAreas: 'Maternity\n\nmaternity', themes: ['delay'], digest: 'none' }))).toEqual({
      ok: true,
      fields: { name: 'Jo', email: 'jo@example.org', serviceAreas: ['Maternity'], themes: ['delay'], digest: 'none' },
    });
  });
});
