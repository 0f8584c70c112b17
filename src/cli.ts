/**
 * Command lines for Saldo's tools: node:util's parseArgs plus `--help`/`-h`, which prints
 * the tool's help and exits before the tool does anything (no benchmark, no file written).
 * A malformed command line prints the error and the usage, and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CommandLine<O extends NonNullable<ParseArgsConfig['options']>> {
  /** The tool's name in messages, e.g. "pin". */
  readonly name: string;
  /** The whole help text: usage line first, then what it does, its options and environment variables. */
  readonly help: string;
  readonly options: O;
  readonly allowPositionals?: boolean;
}

export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(
  line: CommandLine<O>,
  args: string[] = process.argv.slice(2),
) {
  const config = {
    args,
    allowPositionals: line.allowPositionals ?? false,
    options: { ...line.options, help: { type: 'boolean', short: 'h' } },
    strict: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    process.stderr.write(`${line.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(`${line.help.split('\n')[0]}\n(${line.name} --help for more)\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${line.help.trimEnd()}\n`);
    process.exit(0);
  }
  return parsed;
}
