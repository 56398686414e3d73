import { runExchangeDemo } from './run-exchange-demo';

// `npm run demo:exchange`: narrates on stderr, prints the JSON summary as the last line of stdout.
const summary = await runExchangeDemo({ log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(summary.lost === 0 && summary.duplicates === 0 ? 0 : 1);
