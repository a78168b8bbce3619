import type { Permission } from '@shuyun/shared';
import { Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ForbiddenResult, NotFoundResult } from '../../components/results';
import { useAuth } from '../auth';
import { lazyNamed } from '../lazy-named';
import { RequireSignIn } from '../require-sign-in';
import { PcLoginPage } from './pc-login-page';
import { PcShell } from './pc-shell';

const HomePage = lazyNamed(() => import('../../modules/home/home-page'), 'HomePage');
const ProfilePage = lazyNamed(() => import('../../modules/account/profile-page'), 'ProfilePage');
const PasswordPage = lazyNamed(() => import('../../modules/account/password-page'), 'PasswordPage');
const ForcedPasswordPage = lazyNamed(() => import('../../modules/account/password-page'), 'ForcedPasswordPage');
const TokensPage = lazyNamed(() => import('../../modules/account/tokens-page'), 'TokensPage');
const DepartmentsPage = lazyNamed(() => import('../../modules/org/departments-page'), 'DepartmentsPage');
const UsersPage = lazyNamed(() => import('../../modules/org/users-page'), 'UsersPage');
const UserDetailPage = lazyNamed(() => import('../../modules/org/user-detail-page'), 'UserDetailPage');
const TeamsPage = lazyNamed(() => import('../../modules/org/teams-page'), 'TeamsPage');
const SystemsPage = lazyNamed(() => import('../../modules/org/systems-page'), 'SystemsPage');
const ImportPage = lazyNamed(() => import('../../modules/org/import-page'), 'ImportPage');
const RolesPage = lazyNamed(() => import('../../modules/roles/roles-page'), 'RolesPage');
const RoleDetailPage = lazyNamed(() => import('../../modules/roles/role-detail-page'), 'RoleDetailPage');
const AuditPage = lazyNamed(() => import('../../modules/audit/audit-page'), 'AuditPage');

export const PC_LOGIN_PATH = '/login';
export const PC_FORCED_PASSWORD_PATH = '/change-password';

const pageFallback = (
  <div style={{ padding: 64, textAlign: 'center' }}>
    <Spin />
  </div>
);

function Page({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <ForbiddenResult />;
  return <Suspense fallback={pageFallback}>{children}</Suspense>;
}

function Guard({ children }: { children: ReactNode }) {
  return (
    <RequireSignIn loginPath={PC_LOGIN_PATH} changePasswordPath={PC_FORCED_PASSWORD_PATH} fallback={pageFallback}>
      {children}
    </RequireSignIn>
  );
}

export function PcRoutes() {
  return (
    <Routes>
      <Route path="login" element={<PcLoginPage />} />
      <Route
        path="change-password"
        element={
          <Guard>
            <Page>
              <ForcedPasswordPage />
            </Page>
          </Guard>
        }
      />
      <Route
        element={
          <Guard>
            <PcShell />
          </Guard>
        }
      >
        <Route
          index
          element={
            <Page>
              <HomePage />
            </Page>
          }
        />
        <Route
          path="account/profile"
          element={
            <Page>
              <ProfilePage />
            </Page>
          }
        />
        <Route
          path="account/password"
          element={
            <Page>
              <PasswordPage />
            </Page>
          }
        />
        <Route
          path="account/tokens"
          element={
            <Page>
              <TokensPage />
            </Page>
          }
        />
        <Route
          path="admin/departments"
          element={
            <Page permission="org.department.read">
              <DepartmentsPage />
            </Page>
          }
        />
        <Route
          path="admin/users"
          element={
            <Page permission="org.user.read">
              <UsersPage />
            </Page>
          }
        />
        <Route
          path="admin/users/:id"
          element={
            <Page permission="org.user.read">
              <UserDetailPage />
            </Page>
          }
        />
        <Route
          path="admin/teams"
          element={
            <Page permission="org.team.read">
              <TeamsPage />
            </Page>
          }
        />
        <Route
          path="admin/systems"
          element={
            <Page permission="org.system.read">
              <SystemsPage />
            </Page>
          }
        />
        <Route
          path="admin/import"
          element={
            <Page permission="org.import">
              <ImportPage />
            </Page>
          }
        />
        <Route
          path="admin/roles"
          element={
            <Page permission="role.read">
              <RolesPage />
            </Page>
          }
        />
        <Route
          path="admin/roles/:id"
          element={
            <Page permission="role.read">
              <RoleDetailPage />
            </Page>
          }
        />
        <Route
          path="admin/audit"
          element={
            <Page permission="audit.read">
              <AuditPage />
            </Page>
          }
        />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
