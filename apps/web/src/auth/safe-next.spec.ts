import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a same-origin path and its query', () => {
    expect(safeNext('/complaints?status=open')).toBe('/complaints?status=open');
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', '/', '/sign-in?next=/x', '/sign-out', 42, undefined])(
    'refuses %p',
    (candidate) => {
      expect(safeNext(candidate)).toBeUndefined();
    },
  );
});
