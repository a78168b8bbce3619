import { describe, expect, it } from 'vitest';
import { loginRedirect, safeNext } from './safe-next';

describe('safeNext', () => {
  it('returns same-site paths', () => {
    expect(safeNext('/admin/users?page=2', '/', '/login')).toBe('/admin/users?page=2');
  });

  it('refuses other origins, protocol-relative links and the login page itself', () => {
    expect(safeNext('https://evil.example/', '/', '/login')).toBe('/');
    expect(safeNext('//evil.example/', '/', '/login')).toBe('/');
    expect(safeNext('/login?next=/x', '/', '/login')).toBe('/');
    expect(safeNext(null, '/m', '/m/login')).toBe('/m');
  });

  it('round-trips through the login redirect', () => {
    const url = loginRedirect('/login', { pathname: '/admin/users', search: '?q=li wei' });
    const next = new URL(url, 'http://x').searchParams.get('next');
    expect(safeNext(next, '/', '/login')).toBe('/admin/users?q=li wei');
  });
});
