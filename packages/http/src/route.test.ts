import { describe, expect, it } from 'vitest';
import { normalizePath } from './route';

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/users', '/users'],
    ['/users/42', '/users/:id'],
    ['/users/42/orders/7', '/users/:id/orders/:id'],
    ['/orders/9f1c2e4a-7b3d-4c5e-8f6a-1b2c3d4e5f60', '/orders/:id'],
    ['/commits/5d41402abc4b2a76b9719d911017c592', '/commits/:id'],
    ['/objects/507f1f77bcf86cd799439011', '/objects/:id'],
    ['/t/eyJhbGciOiJIUzI1NiJ9x1', '/t/:id'],
    ['/api/v2/oauth2/callback', '/api/v2/oauth2/callback'],
    ['/files/report-final', '/files/report-final'],
    ['/users/42/', '/users/:id/'],
  ])('turns %j into %j', (path, route) => {
    expect(normalizePath(path)).toBe(route);
  });

  it('keeps words made of hex letters only, such as "deadbeef" or "facade"', () => {
    expect(normalizePath('/deadbeef/facade')).toBe('/deadbeef/facade');
  });
});
