import type { CliCommand } from './cli-context';
import { migrateCommand } from './commands/migrate.command';

/** Every `tiendo` subcommand. Add a command here and nowhere else. */
export const CLI_COMMANDS: CliCommand[] = [migrateCommand];
