import type { Locale, Permission } from '@shuyun/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, onSignedOut, setCsrfToken } from './api-client';
import type { Me, Ok } from './api-types';
import { changeUiLocale, currentLocale, rememberLocale } from './i18n';

export const ME_KEY = ['auth', 'me'] as const;

export type SignOutReason = 'sessionExpired' | 'unauthenticated' | null;

interface AuthValue {
  me: Me | null;
  loading: boolean;
  /** Why the user was last sent to the login page (shown there once). */
  signOutReason: SignOutReason;
  clearSignOutReason: () => void;
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  setMe: (me: Me) => void;
  switchLocale: (locale: Locale) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The signed-in user, or null with the reason the server gave (`sessionExpired`, `unauthenticated`). */
async function probeMe(): Promise<{ me: Me | null; reason: SignOutReason }> {
  try {
    return { me: await api<Me>('/api/auth/me'), reason: null };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { me: null, reason: error.code === 'sessionExpired' ? 'sessionExpired' : null };
    }
    throw error;
  }
}

// Activity that counts as "using the app" for the idle timer.
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signOutReason, setSignOutReason] = useState<SignOutReason>(null);
  // A language picked while signed out is carried into the profile at the next sign-in.
  const pickedWhileSignedOut = useRef<Locale | null>(null);

  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const { me: current, reason } = await probeMe();
      if (reason) setSignOutReason(reason);
      return current;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  const me = meQuery.data ?? null;

  const setMe = useCallback(
    (next: Me | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      queryClient.setQueryData(ME_KEY, next);
    },
    [queryClient],
  );

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
  }, [me]);

  // The signed-in user's language wins over the device's.
  useEffect(() => {
    if (me && me.locale !== currentLocale()) {
      void changeUiLocale(me.locale);
      rememberLocale(me.locale);
    }
  }, [me]);

  useEffect(
    () =>
      onSignedOut((code) => {
        setSignOutReason(code);
        setCsrfToken(null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
        queryClient.setQueryData(ME_KEY, null);
      }),
    [queryClient],
  );

  // Idle timeout: after the server's idle time without any input, ask the server; it answers
  // sessionExpired and the shell sends the user to sign in with that message.
  useEffect(() => {
    if (!me) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true });
    const limit = me.idleTimeoutMinutes * 60_000;
    const timer = window.setInterval(() => {
      if (Date.now() - last < limit + 5_000) return;
      last = Date.now();
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    }, 30_000);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch);
    };
  }, [me, queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      let signedIn = await api<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
      setCsrfToken(signedIn.csrfToken);
      const picked = pickedWhileSignedOut.current;
      if (picked && picked !== signedIn.locale) {
        signedIn = await api<Me>('/api/auth/profile', { method: 'PATCH', body: { locale: picked } });
      }
      pickedWhileSignedOut.current = null;
      setSignOutReason(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      setMe(signedIn);
      return signedIn;
    },
    [queryClient, setMe],
  );

  const logout = useCallback(async () => {
    try {
      await api<Ok>('/api/auth/logout', { method: 'POST' });
    } finally {
      setSignOutReason(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      setMe(null);
    }
  }, [queryClient, setMe]);

  const switchLocale = useCallback(
    async (locale: Locale) => {
      await changeUiLocale(locale);
      rememberLocale(locale);
      if (me) {
        setMe(await api<Me>('/api/auth/profile', { method: 'PATCH', body: { locale } }));
      } else {
        pickedWhileSignedOut.current = locale;
      }
    },
    [me, setMe],
  );

  const value = useMemo<AuthValue>(
    () => ({
      me,
      loading: meQuery.isPending,
      signOutReason,
      clearSignOutReason: () => setSignOutReason(null),
      can: (permission) => Boolean(me?.permissions.includes(permission)),
      login,
      logout,
      setMe,
      switchLocale,
    }),
    [me, meQuery.isPending, signOutReason, login, logout, setMe, switchLocale],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind a sign-in guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
