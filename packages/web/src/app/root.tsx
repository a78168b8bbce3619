import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { BootScreen } from './boot-screen';
import { i18n } from './i18n';
import { createQueryClient } from './query-client';
import { useRealtime } from './use-realtime';

// The two ends load separately: a phone never downloads antd's PC pages, a PC never antd-mobile.
const PcApp = lazy(() => import('./pc/pc-app').then((m) => ({ default: m.PcApp })));
const MobileApp = lazy(() => import('./mobile/mobile-app').then((m) => ({ default: m.MobileApp })));

function Realtime() {
  const { me } = useAuth();
  useRealtime(Boolean(me && !me.mustChangePassword));
  return null;
}

export function Root() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <Realtime />
          <BrowserRouter>
            <Suspense fallback={<BootScreen />}>
              <Routes>
                <Route path="/m/*" element={<MobileApp />} />
                <Route path="/*" element={<PcApp />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
