/** A same-site path to return to after signing in; anything else (other origins, the login page) goes home. */
export function safeNext(next: string | null, home: string, loginPath: string): string {
  if (!next?.startsWith('/') || next.startsWith('//')) return home;
  if (next === loginPath || next.startsWith(`${loginPath}?`)) return home;
  return next;
}

export function loginRedirect(loginPath: string, location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return `${loginPath}?next=${encodeURIComponent(here)}`;
}
