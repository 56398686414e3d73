import {
  agenciesListCommand,
  agenciesLoadReferenceCommand,
  agenciesResolveCommand,
} from '@server/modules/agencies/agencies.cli';
import { agenciesRestructureCommand } from '@server/modules/agencies/restructuring.cli';
import { consultationSynthesisCommand } from '@server/modules/consultations/consultations.cli';
import { duplicatesCheckCommand } from '@server/modules/duplicates/duplicates.cli';
import { exchangeExportCommand, exchangeImportCommand } from '@server/modules/exchange/exchange-bundle.cli';
import { generateCommand } from '@server/modules/generator/generator.cli';
import { importCommand } from '@server/modules/imports/imports.cli';
import { indicatorsEvaluateCommand, indicatorsImportCommand } from '@server/modules/indicators/indicators.cli';
import { reportAgencyCommand, reportDirectiveCommand, reportMonthlyCommand } from '@server/modules/reports/reports.cli';
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
  reportMonthlyCommand,
  reportAgencyCommand,
  reportDirectiveCommand,
  generateCommand,
  agenciesResolveCommand,
  agenciesListCommand,
  agenciesLoadReferenceCommand,
  agenciesRestructureCommand,
  usersCreateCommand,
  duplicatesCheckCommand,
  indicatorsEvaluateCommand,
  indicatorsImportCommand,
  consultationSynthesisCommand,
  exchangeExportCommand,
  exchangeImportCommand,
];
