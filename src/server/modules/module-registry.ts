import type { AppDeps } from '@server/app-deps';
import type { FastifyInstance } from 'fastify';
import { registerAgencyRoutes } from './agencies/agencies.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerAuthRoutes } from './auth/auth.routes';
import { registerConsultationRoutes } from './consultations/consultations.routes';
import { registerDashboardRoutes } from './dashboard/dashboard.routes';
import { registerDirectiveRoutes } from './directives/directives.routes';
import { registerDuplicateRoutes } from './duplicates/duplicates.routes';
import { registerExchangeRoutes } from './exchange/exchange.routes';
import { registerExchangeBundleRoutes } from './exchange/exchange-bundle.routes';
import { registerFeedbackRoutes } from './feedback/feedback.routes';
import { registerImportRoutes } from './imports/imports.routes';
import { registerIndicatorRoutes } from './indicators/indicators.routes';
import { registerReportingRoutes } from './reporting/reporting.routes';
import { registerReportRoutes } from './reports/reports.routes';
import { registerSnapshotRoutes } from './snapshots/snapshots.routes';
import { registerStatusRoutes } from './status/status.routes';
import { registerSystemRoutes } from './system/system.routes';
import { registerTaskRoutes } from './tasks/tasks.routes';
import { registerUserRoutes } from './users/users.routes';

export type RegisterModule = (api: FastifyInstance, deps: AppDeps) => Promise<void>;

/** Every API module, in registration order. Add a module here and nowhere else. */
export const API_MODULES: RegisterModule[] = [
  registerSystemRoutes,
  registerDirectiveRoutes,
  registerTaskRoutes,
  registerImportRoutes,
  registerAgencyRoutes,
  registerAuthRoutes,
  registerUserRoutes,
  registerAuditRoutes,
  registerStatusRoutes,
  registerReportingRoutes,
  registerDuplicateRoutes,
  registerIndicatorRoutes,
  registerConsultationRoutes,
  registerFeedbackRoutes,
  registerSnapshotRoutes,
  registerReportRoutes,
  registerDashboardRoutes,
  registerExchangeRoutes,
  registerExchangeBundleRoutes,
];
