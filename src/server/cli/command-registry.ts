import {
  agenciesListCommand,
  agenciesLoadReferenceCommand,
  agenciesResolveCommand,
} from '@server/modules/agencies/agencies.cli';
import { generateCommand } from '@server/modules/generator/generator.cli';
import { importCommand } from '@server/modules/imports/imports.cli';
import { statusCommand } from '@server/modules/status/status.cli';
import { usersCreateCommand } from '@server/modules/users/users.cli';
import type { CliCommand } from './cli-context';
import { migrateCommand } from './commands/migrate.command';
import { serveCommand } from './commands/serve.command';

/** Every `tiendo` subcommand. Add a command here and nowhere else. */
export const CLI_COMMANDS: CliCommand[] = [
  serveCommand,
  importCommand,
  migrateCommand,
  statusCommand,
  generateCommand,
  agenciesResolveCommand,
  agenciesListCommand,
  agenciesLoadReferenceCommand,
  usersCreateCommand,
];
