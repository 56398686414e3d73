import { PageFallback } from '@web/ui/page-fallback';
import { lazy, Suspense } from 'react';
import { NotFoundPage } from './not-found-page';
import { RouteErrorBoundary } from './route-error-boundary';
import { type RouteDefinition, Routes, useLocation } from './router';

// Every page is its own chunk: the first load carries only the shell, antd's core and the page opened.
const DashboardPage = lazy(() =>
  import('@web/features/dashboard/pages/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const DirectiveListPage = lazy(() =>
  import('@web/features/directives/pages/directive-list-page').then((m) => ({ default: m.DirectiveListPage })),
);
const DirectiveDetailPage = lazy(() =>
  import('@web/features/directives/pages/directive-detail-page').then((m) => ({ default: m.DirectiveDetailPage })),
);
const TaskRegisterPage = lazy(() =>
  import('@web/features/tasks/pages/task-register-page').then((m) => ({ default: m.TaskRegisterPage })),
);
const TaskDetailPage = lazy(() =>
  import('@web/features/tasks/pages/task-detail-page').then((m) => ({ default: m.TaskDetailPage })),
);
const AgencyListPage = lazy(() =>
  import('@web/features/agencies/pages/agency-list-page').then((m) => ({ default: m.AgencyListPage })),
);
const AgencyDetailPage = lazy(() =>
  import('@web/features/agencies/pages/agency-detail-page').then((m) => ({ default: m.AgencyDetailPage })),
);
const ImportPage = lazy(() =>
  import('@web/features/imports/pages/import-page').then((m) => ({ default: m.ImportPage })),
);

/** URL → page. Paths are English to match the API (`/tasks` ↔ `/api/v1/tasks`). */
export const APP_ROUTES: RouteDefinition[] = [
  { path: '/', render: () => <DashboardPage /> },
  { path: '/directives', render: () => <DirectiveListPage /> },
  // The key forces a fresh page (and scroll) when moving between two directives.
  { path: '/directives/:directiveId', render: (p) => <DirectiveDetailPage key={p.directiveId} /> },
  { path: '/tasks', render: () => <TaskRegisterPage /> },
  { path: '/tasks/:taskId', render: (p) => <TaskDetailPage key={p.taskId} /> },
  { path: '/agencies', render: () => <AgencyListPage /> },
  { path: '/agencies/:agencyId', render: (p) => <AgencyDetailPage key={p.agencyId} /> },
  { path: '/imports', render: () => <ImportPage /> },
  { path: '*', render: () => <NotFoundPage /> },
];

export function AppRoutes() {
  const { pathname } = useLocation();
  // Keyed by path so that moving to another page clears an error shown for the previous one.
  return (
    <RouteErrorBoundary key={pathname}>
      <Suspense fallback={<PageFallback />}>
        <Routes routes={APP_ROUTES} />
      </Suspense>
    </RouteErrorBoundary>
  );
}
