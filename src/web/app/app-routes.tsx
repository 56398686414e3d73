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
const AgencyTreePage = lazy(() =>
  import('@web/features/agencies/pages/agency-tree-page').then((m) => ({ default: m.AgencyTreePage })),
);
const RestructuringPage = lazy(() =>
  import('@web/features/agencies/pages/restructuring-page').then((m) => ({ default: m.RestructuringPage })),
);
const StatusPage = lazy(() =>
  import('@web/features/status/pages/status-page').then((m) => ({ default: m.StatusPage })),
);
const MyObligationsPage = lazy(() =>
  import('@web/features/reporting/pages/my-obligations-page').then((m) => ({ default: m.MyObligationsPage })),
);
const ReportReviewPage = lazy(() =>
  import('@web/features/reporting/pages/report-review-page').then((m) => ({ default: m.ReportReviewPage })),
);
const IndicatorsPage = lazy(() =>
  import('@web/features/indicators/pages/indicators-page').then((m) => ({ default: m.IndicatorsPage })),
);
const DuplicateReviewPage = lazy(() =>
  import('@web/features/duplicates/pages/duplicate-review-page').then((m) => ({ default: m.DuplicateReviewPage })),
);
const DraftCheckPage = lazy(() =>
  import('@web/features/duplicates/pages/draft-check-page').then((m) => ({ default: m.DraftCheckPage })),
);
const ConsultationPage = lazy(() =>
  import('@web/features/consultations/pages/consultation-page').then((m) => ({ default: m.ConsultationPage })),
);
const FeedbackPage = lazy(() =>
  import('@web/features/feedback/pages/feedback-page').then((m) => ({ default: m.FeedbackPage })),
);
const LeaderDashboardPage = lazy(() =>
  import('@web/features/dashboard/pages/leader-dashboard-page').then((m) => ({ default: m.LeaderDashboardPage })),
);
const ReportsPage = lazy(() =>
  import('@web/features/reports/pages/reports-page').then((m) => ({ default: m.ReportsPage })),
);
const UsersPage = lazy(() => import('@web/features/admin/pages/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('@web/features/admin/pages/audit-page').then((m) => ({ default: m.AuditPage })));
const ImportPage = lazy(() =>
  import('@web/features/imports/pages/import-page').then((m) => ({ default: m.ImportPage })),
);
const ExchangePage = lazy(() =>
  import('@web/features/exchange/pages/exchange-page').then((m) => ({ default: m.ExchangePage })),
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
  { path: '/agency-tree', render: () => <AgencyTreePage /> },
  { path: '/restructuring', render: () => <RestructuringPage /> },
  { path: '/status', render: () => <StatusPage /> },
  { path: '/reporting', render: () => <MyObligationsPage /> },
  { path: '/reporting/review', render: () => <ReportReviewPage /> },
  { path: '/indicators', render: () => <IndicatorsPage /> },
  { path: '/duplicates', render: () => <DuplicateReviewPage /> },
  { path: '/duplicates/check', render: () => <DraftCheckPage /> },
  { path: '/consultations', render: () => <ConsultationPage /> },
  { path: '/consultations/:consultationId', render: (p) => <ConsultationPage key={p.consultationId} /> },
  { path: '/feedback', render: () => <FeedbackPage /> },
  { path: '/leader-dashboard', render: () => <LeaderDashboardPage /> },
  { path: '/reports', render: () => <ReportsPage /> },
  { path: '/admin/users', render: () => <UsersPage /> },
  { path: '/admin/audit', render: () => <AuditPage /> },
  { path: '/imports', render: () => <ImportPage /> },
  { path: '/exchange', render: () => <ExchangePage /> },
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
