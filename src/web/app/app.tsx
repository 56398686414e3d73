import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { AuthGate } from '@web/features/auth/components/auth-gate';
import { useState } from 'react';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';
import { createQueryClient } from './query-client';
import { RouterProvider } from './router';

dayjs.locale('vi');

// Motion off: transitions cost frames on the old office machines this runs on and add nothing to the work.
const THEME = {
  token: { motion: false, borderRadius: 4 },
  // Compact menu rows: the whole menu fits a 768 px screen.
  components: { Menu: { itemHeight: 34, itemMarginBlock: 2, groupTitleFontSize: 12 } },
};

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={viVN} theme={THEME}>
      {/* Context for App.useApp(): pages that show messages and confirmations through it need this ancestor. */}
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider>
            <AuthGate>
              <AppLayout>
                <AppRoutes />
              </AppLayout>
            </AuthGate>
          </RouterProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
