import type { KeyPrincipal } from '@app/persistence';
import { PrincipalCache } from './principal-cache';

const principal = (organisationId: string, keyId: string): KeyPrincipal => ({ keyId, organisationId, kind: 'public-body', sector: 'health', suspended: false });

describe('PrincipalCache', () => {
  it('forgets every key of one organisation and nothing else', () => {
    const cache = new PrincipalCache();
    cache.set('a1', principal('org-a', 'k1'));
    cache.set('a2', principal('org-a', 'k2'));
    cache.set('b1', principal('org-b', 'k3'));
    cache.forgetOrganisation('org-a');
    expect([cache.get('a1'), cache.get('a2')]).toEqual([undefined, undefined]);
    expect(cache.get('b1')?.keyId).toBe('k3');
  });

  it('keeps a known key for a few seconds only, and an unknown one for one', () => {
    const cache = new PrincipalCache(5_000);
    cache.set('known', principal('org-a', 'k1'), 0);
    cache.set('unknown', null, 0);
    expect(cache.get('unknown', 999)).toBeNull();
    expect(cache.get('unknown', 1_001)).toBeUndefined();
    expect(cache.get('known', 5_000)?.keyId).toBe('k1');
    expect(cache.get('known', 5_001)).toBeUndefined();
  });
});
