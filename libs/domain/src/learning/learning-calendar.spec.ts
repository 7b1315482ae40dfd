import { addDays, LEARNING_TIME_ZONE, learningDay, weekStartOf } from './learning-calendar';

describe('learning calendar', () => {
  it('counts in London time', () => {
    expect(LEARNING_TIME_ZONE).toBe('Europe/London');
  });

  describe('learningDay', () => {
    it('is the UTC day in winter (GMT)', () => {
      expect(learningDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
      expect(learningDay(new Date('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
    });

    it('is the next day for the last UTC hour in summer (BST)', () => {
      expect(learningDay(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
      expect(learningDay(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
    });

    it('follows the clock change at either end of summer time', () => {
      // Spring forward on 2026-03-29 at 01:00 UTC; fall back on 2026-10-25 at 01:00 UTC.
      expect(learningDay(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
      expect(learningDay(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
      expect(learningDay(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
    });

    it('puts New Year in London on the new year', () => {
      expect(learningDay(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
      expect(learningDay(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
    });
  });

  describe('addDays', () => {
    it('crosses month and year ends both ways', () => {
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
      expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    });

    it('counts whole days across the clock changes', () => {
      expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
      expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
    });

    it('leaves the day alone for zero and moves by weeks', () => {
      expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
      expect(addDays('2026-11-30', -7 * 3)).toBe('2026-11-09');
    });

    it('refuses what is not a calendar day', () => {
      expect(() => addDays('2026-02-31', 1)).toThrow(RangeError);
      expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
      expect(() => addDays('26-1-5', 1)).toThrow(RangeError);
    });
  });

  describe('weekStartOf', () => {
    it('keeps a Monday', () => {
      expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    });

    it('goes back six days from a Sunday', () => {
      expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
      expect(weekStartOf('2026-03-29')).toBe('2026-03-23');
    });

    it('goes back across the year end', () => {
      expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
      expect(weekStartOf('2027-01-03')).toBe('2026-12-28');
      expect(weekStartOf('2027-01-04')).toBe('2027-01-04');
    });
  });
});
