import { SpinLoading } from 'antd-mobile';
import { Route, Routes } from 'react-router';
import { MineMobilePage } from '../../modules/account/mine-mobile-page';
import { PasswordMobilePage } from '../../modules/account/password-mobile-page';
import { AssetMobilePage } from '../../modules/assets/asset-mobile-page';
import { MyAssetsMobilePage } from '../../modules/assets/my-assets-mobile-page';
import { ScanMobilePage } from '../../modules/assets/stocktake/scan-mobile-page';
import { StocktakesMobilePage } from '../../modules/assets/stocktake/stocktakes-mobile-page';
import { CatalogMobilePage } from '../../modules/catalog-browse/catalog-mobile-page';
import { SubmitMobilePage } from '../../modules/catalog-browse/submit-mobile-page';
import { DemandMobilePage } from '../../modules/demands/demand-mobile-page';
import { DemandsMobilePage } from '../../modules/demands/demands-mobile-page';
import { NewDemandMobilePage } from '../../modules/demands/new-demand-mobile-page';
import { FaultMobilePage } from '../../modules/faults/fault-mobile-page';
import { FaultsMobilePage } from '../../modules/faults/faults-mobile-page';
import { HomeMobilePage } from '../../modules/home/home-mobile-page';
import { IncidentMobilePage } from '../../modules/incidents/incident-mobile-page';
import { IncidentsMobilePage } from '../../modules/incidents/incidents-mobile-page';
import { ArticleMobilePage } from '../../modules/knowledge-mobile/article-mobile-page';
import { KnowledgeSearchMobilePage } from '../../modules/knowledge-mobile/knowledge-search-mobile-page';
import { NotificationsMobilePage } from '../../modules/notifications/notifications-mobile-page';
import { ReleaseMobilePage } from '../../modules/releases/release-mobile-page';
import { ReleasesMobilePage } from '../../modules/releases/releases-mobile-page';
import { TicketMobilePage } from '../../modules/tickets/ticket-mobile-page';
import { TicketsMobilePage } from '../../modules/tickets/tickets-mobile-page';
import { RequireSignIn } from '../require-sign-in';
import { MobileLoginPage } from './mobile-login-page';
import { MobileNotFound } from './mobile-not-found';
import { MobileShell } from './mobile-shell';

export const MOBILE_LOGIN_PATH = '/m/login';
export const MOBILE_FORCED_PASSWORD_PATH = '/m/change-password';

const loading = (
  <div className="m-center">
    <SpinLoading color="primary" />
  </div>
);

function Guard({ children }: { children: React.ReactNode }) {
  return (
    <RequireSignIn loginPath={MOBILE_LOGIN_PATH} changePasswordPath={MOBILE_FORCED_PASSWORD_PATH} fallback={loading}>
      {children}
    </RequireSignIn>
  );
}

export function MobileRoutes() {
  return (
    <Routes>
      <Route path="login" element={<MobileLoginPage />} />
      <Route
        path="change-password"
        element={
          <Guard>
            <PasswordMobilePage forced />
          </Guard>
        }
      />
      <Route
        path="mine/password"
        element={
          <Guard>
            <PasswordMobilePage />
          </Guard>
        }
      />
      <Route
        path="mine/notifications"
        element={
          <Guard>
            <NotificationsMobilePage />
          </Guard>
        }
      />
      <Route
        path="tickets/new"
        element={
          <Guard>
            <CatalogMobilePage />
          </Guard>
        }
      />
      <Route
        path="tickets/new/:itemId"
        element={
          <Guard>
            <SubmitMobilePage />
          </Guard>
        }
      />
      <Route
        path="tickets/:id"
        element={
          <Guard>
            <TicketMobilePage />
          </Guard>
        }
      />
      <Route
        path="assets"
        element={
          <Guard>
            <MyAssetsMobilePage />
          </Guard>
        }
      />
      <Route
        path="assets/:id"
        element={
          <Guard>
            <AssetMobilePage />
          </Guard>
        }
      />
      <Route
        path="knowledge/articles/:id"
        element={
          <Guard>
            <ArticleMobilePage />
          </Guard>
        }
      />
      <Route
        path="stocktakes"
        element={
          <Guard>
            <StocktakesMobilePage />
          </Guard>
        }
      />
      <Route
        path="stocktakes/:id"
        element={
          <Guard>
            <ScanMobilePage />
          </Guard>
        }
      />
      <Route
        path="demands"
        element={
          <Guard>
            <DemandsMobilePage />
          </Guard>
        }
      />
      <Route
        path="demands/new"
        element={
          <Guard>
            <NewDemandMobilePage />
          </Guard>
        }
      />
      <Route
        path="demands/:id"
        element={
          <Guard>
            <DemandMobilePage />
          </Guard>
        }
      />
      <Route
        path="releases"
        element={
          <Guard>
            <ReleasesMobilePage />
          </Guard>
        }
      />
      <Route
        path="releases/:id"
        element={
          <Guard>
            <ReleaseMobilePage />
          </Guard>
        }
      />
      <Route
        path="incidents"
        element={
          <Guard>
            <IncidentsMobilePage />
          </Guard>
        }
      />
      <Route
        path="incidents/:id"
        element={
          <Guard>
            <IncidentMobilePage />
          </Guard>
        }
      />
      <Route
        path="faults"
        element={
          <Guard>
            <FaultsMobilePage />
          </Guard>
        }
      />
      <Route
        path="faults/:id"
        element={
          <Guard>
            <FaultMobilePage />
          </Guard>
        }
      />
      <Route
        element={
          <Guard>
            <MobileShell />
          </Guard>
        }
      >
        <Route index element={<HomeMobilePage />} />
        <Route path="tickets" element={<TicketsMobilePage />} />
        <Route path="knowledge" element={<KnowledgeSearchMobilePage />} />
        <Route path="mine" element={<MineMobilePage />} />
        <Route path="*" element={<MobileNotFound />} />
      </Route>
    </Routes>
  );
}
