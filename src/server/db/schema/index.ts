// The one barrel in the code base: Drizzle's `schema` argument wants every table in one object.
export * from './agencies';
export * from './audit';
export * from './consultations';
export * from './directives';
export * from './duplicates';
export * from './exchange';
export * from './feedback';
export * from './indicators';
export * from './reporting';
export * from './snapshots';
export * from './system';
export * from './tasks';
export * from './users';
