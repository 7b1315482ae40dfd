import { isValidNhsNumber } from './nhs-number';
import { redact } from './redact';

describe('redact', () => {
  describe('structured identifiers', () => {
    it('masks email addresses', () => {
      const result = redact('Please reply to jane.doe+nhs@example.co.uk today.');
      expect(result.text).toBe('Please reply to [email] today.');
      expect(result.found).toEqual({ email: 1 });
    });

    it.each([
      ['mobile', 'Call me on 07700 900123 after six.'],
      ['mobile without spaces', 'Call me on 07700900123 after six.'],
      ['London landline', 'Call me on 020 7946 0018 after six.'],
      ['bracketed area code', 'Call me on (0161) 496 0000 after six.'],
      ['+44 mobile', 'Call me on +44 7700 900123 after six.'],
      ['+44 (0) landline', 'Call me on +44 (0)20 7946 0018 after six.'],
    ])('masks UK phone numbers: %s', (_label, text) => {
      expect(redact(text).text).toBe('Call me on [phone] after six.');
    });

    it('keeps a number that follows a phone number', () => {
      expect(redact('Rang 07700 900123 2 times').text).toBe('Rang [phone] 2 times');
    });

    it('masks checksum-valid NHS numbers with or without spaces', () => {
      const result = redact('NHS number 943 476 5919, also written 9434765919.');
      expect(result.text).toBe('NHS number [nhs-number], also written [nhs-number].');
      expect(result.found['nhs-number']).toBe(2);
    });

    it('keeps 10-digit numbers that fail the NHS checksum (invoices, references)', () => {
      const text = 'Invoice 1234567890 was paid; reference 4471 2219 08 stays.';
      expect(redact(text).text).toBe(text);
    });

    it('masks National Insurance numbers, including the example and temporary prefixes', () => {
      expect(redact('NI AB 12 34 56 C and AB123456C.').text).toBe('NI [ni-number] and [ni-number].');
      expect(redact('Her NI number is QQ123456C.').text).toBe('Her NI number is [ni-number].');
      expect(redact('Invoice AB1234567 stays.').text).toBe('Invoice AB1234567 stays.');
    });

    it('masks UK postcodes in either case', () => {
      expect(redact('Moved to SW1A 1AA from b12 3xy.').text).toBe('Moved to [postcode] from [postcode].');
    });
  });

  describe('dates of birth', () => {
    it.each([
      ['She was born on 3 April 1985 in Leeds.', 'She was born on [date-of-birth] in Leeds.'],
      ['DOB: 03/04/1985.', 'DOB: [date-of-birth].'],
      ['Date of birth 3rd April 2015, so a child.', 'Date of birth [date-of-birth], so a child.'],
      ['His birthday is April 3, 2010.', 'His birthday is [date-of-birth].'],
    ])('masks a date next to a birth word: %s', (text, expected) => {
      expect(redact(text).text).toBe(expected);
    });

    it('treats a full date at least 16 years ago as a birth date but keeps recent event dates', () => {
      expect(redact('Seen on 12/03/2024; patient 03/04/1979.').text).toBe('Seen on 12/03/2024; patient [date-of-birth].');
    });

    it('keeps month-and-year mentions', () => {
      expect(redact('The appointment in May 2024 was cancelled.').text).toBe('The appointment in May 2024 was cancelled.');
    });
  });

  describe('addresses', () => {
    it('masks house-number street addresses and flats', () => {
      const result = redact('I live at 12 Acacia Road. Before that, Flat 3, 45 High Street.');
      expect(result.text).toBe('I live at [address]. Before that, [address].');
      expect(result.found.address).toBe(2);
    });

    it('keeps ward numbers and years followed by capitalised words', () => {
      const text = 'She was moved to Ward 7. In 2019 The Council changed its policy.';
      expect(redact(text).text).toBe(text);
    });
  });

  describe('names', () => {
    it.each([
      ['Mrs Patel complained.', 'Mrs [name] complained.'],
      ['Seen by Dr. Smith on the ward.', 'Seen by Dr. [name] on the ward.'],
      ['My son Jamie was scared.', 'My son [name] was scared.'],
      ['Her husband John Smith rang twice.', 'Her husband [name] rang twice.'],
      ['Nurse Kelly was kind.', 'Nurse [name] was kind.'],
      ['The social worker Sarah Jones visited.', 'The social worker [name] visited.'],
      ['Mr J. Smith wrote in.', 'Mr [name] wrote in.'],
      ['My mother May was admitted.', 'My mother [name] was admitted.'],
    ])('masks a name after a title, role or relation: %s', (text, expected) => {
      expect(redact(text).text).toBe(expected);
    });

    it.each([
      'I will call the ward in May 2024.',
      'May I ask why the Dr said nothing?',
      'The Dr reviewed him and Dr said it was fine.',
      'My son was admitted and my daughter I think was told.',
      'The consultant Practitioner team met.',
    ])('does not take ordinary words for names: %s', (text) => {
      expect(redact(text).text).toBe(text);
    });
  });

  it('keeps sums of money and reference numbers', () => {
    const text = 'We lost £12,000 and £1,250.50; case ref CMP-2024-00123, letter 2024/117.';
    const result = redact(text);
    expect(result.text).toBe(text);
    expect(result.found).toEqual({});
  });

  it('counts every kind it replaced', () => {
    const result = redact('Mrs Khan (DOB 01/02/1950) of 4 Mill Lane, LS1 4AB, tel 0113 496 0000, NHS 943 476 5919, email k@x.org.');
    expect(result.found).toEqual({ name: 1, 'date-of-birth': 1, address: 1, postcode: 1, phone: 1, 'nhs-number': 1, email: 1 });
    expect(result.text).not.toMatch(/Khan|1950|Mill Lane|LS1|0113|5919|k@x/);
  });

});

describe('isValidNhsNumber', () => {
  it('accepts a valid check digit and rejects others', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    // Check digit would be 10: never valid.
    expect(isValidNhsNumber('1234567890')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
  });
});
