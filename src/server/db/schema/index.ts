// The one barrel in the code base: Drizzle's `schema` argument wants every table in one object.
export * from './agencies';
export * from './audit';
export * from './directives';
export * from './tasks';
export * from './system';
export * from './reporting';
export * from './users';
export * from './indicators';
