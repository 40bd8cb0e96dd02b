import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathOf } from './path';

describe('pathOf', () => {
  it('drops the query string and the fragment', () => {
    expect(pathOf('/a/b?c=1#d')).toBe('/a/b');
    expect(pathOf('/a#x?y')).toBe('/a');
    expect(pathOf('/plain')).toBe('/plain');
  });

  it('gives the path of absolute-form targets, the root when they have none', () => {
    expect(pathOf('https://example.com/a/b?c=d')).toBe('/a/b');
    expect(pathOf('http://localhost:8080/metrics')).toBe('/metrics');
    expect(pathOf('http://[::1]:8080/x#y')).toBe('/x');
    expect(pathOf('https://example.com')).toBe('/');
    expect(pathOf('https://example.com?x=/y')).toBe('/');
    expect(pathOf('https://example.com#/y')).toBe('/');
  });

  it('leaves the asterisk form of OPTIONS * as it is', () => {
    expect(pathOf('*')).toBe('*');
  });

  it('agrees with the URL parser on the path of any absolute URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        // pathOf keeps percent-escapes and dot segments as sent; compare with what URL keeps raw.
        const parsed = new URL(url);
        fc.pre(!/%|\/\.\.?(\/|$)/.test(parsed.pathname) && !/\/\.\.?(\/|$|[?#])/.test(url));
        expect(pathOf(url)).toBe(parsed.pathname);
      }),
      { seed: 20261129 },
    );
    // fc.webUrl is slow to generate and fc.pre discards many URLs: a few seconds alone, past
    // vitest's default 5 s on a shared 2-core machine.
  }, 60_000);
});
