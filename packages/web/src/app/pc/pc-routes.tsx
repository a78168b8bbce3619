import type { Permission } from '@shuyun/shared';
import { Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
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
const CatalogPage = lazyNamed(() => import('../../modules/catalog-browse/catalog-page'), 'CatalogPage');
const SubmitPage = lazyNamed(() => import('../../modules/catalog-browse/submit-page'), 'SubmitPage');
const TicketsPage = lazyNamed(() => import('../../modules/tickets/tickets-page'), 'TicketsPage');
const TicketPage = lazyNamed(() => import('../../modules/tickets/ticket-page'), 'TicketPage');
const CatalogAdminPage = lazyNamed(() => import('../../modules/catalog-admin/catalog-admin-page'), 'CatalogAdminPage');
const ItemEditorPage = lazyNamed(() => import('../../modules/catalog-admin/item-editor-page'), 'ItemEditorPage');
const SlaPage = lazyNamed(() => import('../../modules/sla-admin/sla-page'), 'SlaPage');
const CalendarPage = lazyNamed(() => import('../../modules/sla-admin/calendar-page'), 'CalendarPage');
const AssignmentRulesPage = lazyNamed(() => import('../../modules/assignment-rules/assignment-rules-page'), 'AssignmentRulesPage');
const NotificationsPage = lazyNamed(() => import('../../modules/notifications/notifications-page'), 'NotificationsPage');
const PreferencesPage = lazyNamed(() => import('../../modules/notifications/preferences-page'), 'PreferencesPage');
const ChannelsPage = lazyNamed(() => import('../../modules/notifications/channels-page'), 'ChannelsPage');
const DeliveriesPage = lazyNamed(() => import('../../modules/notifications/deliveries-page'), 'DeliveriesPage');
const AnalyticsPage = lazyNamed(() => import('../../modules/analytics/analytics-page'), 'AnalyticsPage');
const KnowledgeHomePage = lazyNamed(() => import('../../modules/knowledge/knowledge-home-page'), 'KnowledgeHomePage');
const KnowledgeSearchPage = lazyNamed(() => import('../../modules/knowledge/knowledge-search-page'), 'KnowledgeSearchPage');
const ArticlePage = lazyNamed(() => import('../../modules/knowledge/article-page'), 'ArticlePage');
const NewArticlePage = lazyNamed(() => import('../../modules/knowledge/editor-page'), 'NewArticlePage');
const EditArticlePage = lazyNamed(() => import('../../modules/knowledge/editor-page'), 'EditArticlePage');
const ReviewQueuePage = lazyNamed(() => import('../../modules/knowledge/review-queue-page'), 'ReviewQueuePage');
const MySubmissionsPage = lazyNamed(() => import('../../modules/knowledge/my-submissions-page'), 'MySubmissionsPage');
const NeedsReviewPage = lazyNamed(() => import('../../modules/knowledge/needs-review-page'), 'NeedsReviewPage');
const SpareItemsPage = lazyNamed(() => import('../../modules/spares/items-page'), 'SpareItemsPage');
const SpareItemPage = lazyNamed(() => import('../../modules/spares/item-page'), 'SpareItemPage');
const SpareLedgerPage = lazyNamed(() => import('../../modules/spares/ledger-page'), 'SpareLedgerPage');
const SpareReceiptPage = lazyNamed(() => import('../../modules/spares/receipt-page'), 'SpareReceiptPage');
const SpareWarehousesPage = lazyNamed(() => import('../../modules/spares/warehouses-page'), 'SpareWarehousesPage');
const KnowledgeCategoriesPage = lazyNamed(() => import('../../modules/knowledge/category-admin-page'), 'KnowledgeCategoriesPage');
const StocktakesPage = lazyNamed(() => import('../../modules/assets/stocktake/stocktakes-page'), 'StocktakesPage');
const StocktakePage = lazyNamed(() => import('../../modules/assets/stocktake/stocktake-page'), 'StocktakePage');
const AssetsPage = lazyNamed(() => import('../../modules/assets/assets-page'), 'AssetsPage');
const AssetPage = lazyNamed(() => import('../../modules/assets/asset-page'), 'AssetPage');
const AssetNewPage = lazyNamed(() => import('../../modules/assets/asset-new-page'), 'AssetNewPage');
const AssetImportPage = lazyNamed(() => import('../../modules/assets/import-page'), 'AssetImportPage');
const AssetLabelsPage = lazyNamed(() => import('../../modules/assets/labels-page'), 'AssetLabelsPage');
const FaultsPage = lazyNamed(() => import('../../modules/faults/faults-page'), 'FaultsPage');
const FaultPage = lazyNamed(() => import('../../modules/faults/fault-page'), 'FaultPage');
const FaultNewPage = lazyNamed(() => import('../../modules/faults/fault-new-page'), 'FaultNewPage');
const AvailabilityPage = lazyNamed(() => import('../../modules/faults/availability-page'), 'AvailabilityPage');
const FaultActionsPage = lazyNamed(() => import('../../modules/faults/actions-page'), 'FaultActionsPage');
const AssetSettingsPage = lazyNamed(() => import('../../modules/assets/settings-page'), 'AssetSettingsPage');
const ScrapApprovalsPage = lazyNamed(() => import('../../modules/assets/scrap-approvals-page'), 'ScrapApprovalsPage');
const IncidentsPage = lazyNamed(() => import('../../modules/incidents/incidents-page'), 'IncidentsPage');
const IncidentPage = lazyNamed(() => import('../../modules/incidents/incident-page'), 'IncidentPage');
const IncidentSettingsPage = lazyNamed(() => import('../../modules/incidents/settings-page'), 'IncidentSettingsPage');
const ReviewActionsPage = lazyNamed(() => import('../../modules/incidents/review-actions-page'), 'ReviewActionsPage');
const MyAssetsPage = lazyNamed(() => import('../../modules/assets/my-assets-page'), 'MyAssetsPage');
const DemandsPage = lazyNamed(() => import('../../modules/demands/demands-page'), 'DemandsPage');
const DemandPage = lazyNamed(() => import('../../modules/demands/demand-page'), 'DemandPage');
const NewDemandPage = lazyNamed(() => import('../../modules/demands/new-demand-page'), 'NewDemandPage');
const DemandMetricsPage = lazyNamed(() => import('../../modules/demands/metrics-page'), 'DemandMetricsPage');
const DivisionPage = lazyNamed(() => import('../../modules/demands/division-page'), 'DivisionPage');
const ReleasesPage = lazyNamed(() => import('../../modules/releases/releases-page'), 'ReleasesPage');
const ReleaseCalendarPage = lazyNamed(() => import('../../modules/releases/calendar-page'), 'ReleaseCalendarPage');
const ReleaseFormPage = lazyNamed(() => import('../../modules/releases/release-form-page'), 'ReleaseFormPage');
const ReleasePage = lazyNamed(() => import('../../modules/releases/release-page'), 'ReleasePage');

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
        <Route
          path="catalog"
          element={
            <Page permission="catalog.read">
              <CatalogPage />
            </Page>
          }
        />
        <Route
          path="catalog/items/:itemId"
          element={
            <Page permission="ticket.submit">
              <SubmitPage />
            </Page>
          }
        />
        <Route
          path="catalog/new"
          element={
            <Page permission="ticket.submit">
              <SubmitPage />
            </Page>
          }
        />
        <Route
          path="tickets"
          element={
            <Page permission="ticket.read">
              <TicketsPage />
            </Page>
          }
        />
        <Route
          path="tickets/:id"
          element={
            <Page permission="ticket.read">
              <TicketPage />
            </Page>
          }
        />
        <Route
          path="admin/catalog"
          element={
            <Page permission="catalog.manage">
              <CatalogAdminPage />
            </Page>
          }
        />
        <Route
          path="admin/catalog/items/:id"
          element={
            <Page permission="catalog.manage">
              <ItemEditorPage />
            </Page>
          }
        />
        <Route
          path="admin/sla"
          element={
            <Page permission="sla.read">
              <SlaPage />
            </Page>
          }
        />
        <Route
          path="admin/sla/calendars/:id"
          element={
            <Page permission="sla.read">
              <CalendarPage />
            </Page>
          }
        />
        <Route
          path="admin/assignment-rules"
          element={
            <Page permission="ticket.manage">
              <AssignmentRulesPage />
            </Page>
          }
        />
        <Route
          path="notifications"
          element={
            <Page>
              <NotificationsPage />
            </Page>
          }
        />
        <Route
          path="account/notifications"
          element={
            <Page>
              <PreferencesPage />
            </Page>
          }
        />
        <Route
          path="admin/notification-channels"
          element={
            <Page permission="notification.manage">
              <ChannelsPage />
            </Page>
          }
        />
        <Route
          path="admin/notification-deliveries"
          element={
            <Page permission="notification.manage">
              <DeliveriesPage />
            </Page>
          }
        />
        <Route
          path="spares"
          element={
            <Page permission="spare.read">
              <Navigate to="/spares/items" replace />
            </Page>
          }
        />
        <Route
          path="spares/items"
          element={
            <Page permission="spare.read">
              <SpareItemsPage key="all" />
            </Page>
          }
        />
        <Route
          path="spares/low-stock"
          element={
            <Page permission="spare.read">
              <SpareItemsPage key="low" lowStock />
            </Page>
          }
        />
        <Route
          path="spares/items/:id"
          element={
            <Page permission="spare.read">
              <SpareItemPage />
            </Page>
          }
        />
        <Route
          path="spares/ledger"
          element={
            <Page permission="spare.read">
              <SpareLedgerPage />
            </Page>
          }
        />
        <Route
          path="spares/receipt"
          element={
            <Page permission="spare.manage">
              <SpareReceiptPage />
            </Page>
          }
        />
        <Route
          path="spares/warehouses"
          element={
            <Page permission="spare.manage">
              <SpareWarehousesPage />
            </Page>
          }
        />
        <Route
          path="incidents"
          element={
            <Page permission="incident.read">
              <IncidentsPage />
            </Page>
          }
        />
        <Route
          path="incidents/review-actions"
          element={
            <Page permission="incident.read">
              <ReviewActionsPage />
            </Page>
          }
        />
        <Route
          path="incidents/:id"
          element={
            <Page permission="incident.read">
              <IncidentPage />
            </Page>
          }
        />
        <Route
          path="admin/incident-alerts"
          element={
            <Page permission="incident.manage">
              <IncidentSettingsPage />
            </Page>
          }
        />
        <Route
          path="analytics"
          element={
            <Page permission="analytics.view">
              <AnalyticsPage />
            </Page>
          }
        />
        <Route
          path="stocktakes"
          element={
            <Page permission="asset.stocktake">
              <StocktakesPage />
            </Page>
          }
        />
        <Route
          path="faults"
          element={
            <Page permission="fault.read">
              <FaultsPage />
            </Page>
          }
        />
        <Route
          path="faults/new"
          element={
            <Page permission="fault.handle">
              <FaultNewPage />
            </Page>
          }
        />
        <Route
          path="faults/availability"
          element={
            <Page permission="fault.read">
              <AvailabilityPage />
            </Page>
          }
        />
        <Route
          path="faults/actions"
          element={
            <Page permission="fault.read">
              <FaultActionsPage />
            </Page>
          }
        />
        <Route
          path="faults/:id"
          element={
            <Page permission="fault.read">
              <FaultPage />
            </Page>
          }
        />
        <Route
          path="stocktakes/:id"
          element={
            <Page permission="asset.stocktake">
              <StocktakePage />
            </Page>
          }
        />
        <Route
          path="knowledge"
          element={
            <Page permission="knowledge.read">
              <KnowledgeHomePage />
            </Page>
          }
        />
        <Route
          path="knowledge/search"
          element={
            <Page permission="knowledge.read">
              <KnowledgeSearchPage />
            </Page>
          }
        />
        <Route
          path="knowledge/new"
          element={
            <Page permission="knowledge.write">
              <NewArticlePage />
            </Page>
          }
        />
        <Route
          path="knowledge/articles/:id"
          element={
            <Page permission="knowledge.read">
              <ArticlePage />
            </Page>
          }
        />
        <Route
          path="knowledge/articles/:id/edit"
          element={
            <Page permission="knowledge.write">
              <EditArticlePage />
            </Page>
          }
        />
        <Route
          path="knowledge/review"
          element={
            <Page permission="knowledge.read">
              <ReviewQueuePage />
            </Page>
          }
        />
        <Route
          path="knowledge/mine"
          element={
            <Page permission="knowledge.write">
              <MySubmissionsPage />
            </Page>
          }
        />
        <Route
          path="knowledge/needs-review"
          element={
            <Page permission="knowledge.write">
              <NeedsReviewPage />
            </Page>
          }
        />
        <Route
          path="admin/knowledge-categories"
          element={
            <Page permission="knowledge.manage">
              <KnowledgeCategoriesPage />
            </Page>
          }
        />
        <Route
          path="assets"
          element={
            <Page permission="asset.read">
              <AssetsPage />
            </Page>
          }
        />
        <Route
          path="assets/mine"
          element={
            <Page permission="asset.read">
              <MyAssetsPage />
            </Page>
          }
        />
        <Route
          path="assets/new"
          element={
            <Page permission="asset.manage">
              <AssetNewPage />
            </Page>
          }
        />
        <Route
          path="assets/import"
          element={
            <Page permission="asset.manage">
              <AssetImportPage />
            </Page>
          }
        />
        <Route
          path="assets/labels"
          element={
            <Page permission="asset.read">
              <AssetLabelsPage />
            </Page>
          }
        />
        <Route
          path="assets/settings"
          element={
            <Page permission="asset.read">
              <AssetSettingsPage />
            </Page>
          }
        />
        <Route
          path="assets/scrap-approvals"
          element={
            <Page permission="asset.approve">
              <ScrapApprovalsPage />
            </Page>
          }
        />
        <Route
          path="assets/:id"
          element={
            <Page permission="asset.read">
              <AssetPage />
            </Page>
          }
        />
        <Route
          path="demands"
          element={
            <Page permission="demand.read">
              <DemandsPage />
            </Page>
          }
        />
        <Route
          path="demands/new"
          element={
            <Page permission="demand.submit">
              <NewDemandPage />
            </Page>
          }
        />
        <Route
          path="demands/metrics"
          element={
            <Page permission="demand.read">
              <DemandMetricsPage />
            </Page>
          }
        />
        <Route
          path="demands/division"
          element={
            <Page permission="demand.read">
              <DivisionPage />
            </Page>
          }
        />
        <Route
          path="demands/:id"
          element={
            <Page permission="demand.read">
              <DemandPage />
            </Page>
          }
        />
        <Route
          path="releases"
          element={
            <Page permission="release.read">
              <ReleasesPage />
            </Page>
          }
        />
        <Route
          path="releases/calendar"
          element={
            <Page permission="release.read">
              <ReleaseCalendarPage />
            </Page>
          }
        />
        <Route
          path="releases/new"
          element={
            <Page permission="release.manage">
              <ReleaseFormPage />
            </Page>
          }
        />
        <Route
          path="releases/:id/edit"
          element={
            <Page permission="release.manage">
              <ReleaseFormPage />
            </Page>
          }
        />
        <Route
          path="releases/:id"
          element={
            <Page>
              <ReleasePage />
            </Page>
          }
        />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
