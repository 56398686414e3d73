import type { AppDeps } from '@server/app-deps';
import type { FastifyInstance } from 'fastify';
import { registerSystemRoutes } from './system/system.routes';

export type RegisterModule = (api: FastifyInstance, deps: AppDeps) => Promise<void>;

/** Every API module, in registration order. Add a module here and nowhere else. */
export const API_MODULES: RegisterModule[] = [registerSystemRoutes];
