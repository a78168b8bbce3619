import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth';
import { loginRedirect } from './safe-next';

interface RequireSignInProps {
  loginPath: string;
  changePasswordPath: string;
  fallback: ReactNode;
  children: ReactNode;
}

/** Renders its children for a signed-in user; otherwise sends them to sign in and back here afterwards. */
export function RequireSignIn({ loginPath, changePasswordPath, fallback, children }: RequireSignInProps) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <>{fallback}</>;
  if (!me) return <Navigate to={loginRedirect(loginPath, location)} replace />;
  if (me.mustChangePassword && location.pathname !== changePasswordPath) {
    return <Navigate to={changePasswordPath} replace />;
  }
  return <>{children}</>;
}
