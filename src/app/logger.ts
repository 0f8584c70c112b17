/** pino, with every place a secret could sit redacted. */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'accessToken',
  '*.accessToken',
  'slots.pin',
  '*.slots.pin',
  'headers.authorization',
  'headers.signature',
  'req.headers.authorization',
  'req.headers.signature',
  'pin',
  '*.pin',
];

/**
 * JSON lines, except on a developer's terminal: there, when pino-pretty is installed (a
 * development dependency), colourised lines with local times, formatted in this process
 * (as a stream, not a pino transport, whose worker thread loads files next to pino that
 * the server's bundle does not have).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'saldo' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  const pretty = !destination && process.stdout.isTTY ? prettyStream() : undefined;
  return pino(options, destination ?? pretty);
}

function prettyStream(): DestinationStream | undefined {
  let pretty: (options: Record<string, unknown>) => DestinationStream;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, and absent in production
    pretty = require('pino-pretty') as typeof pretty;
  } catch {
    return undefined;
  }
  return pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
}
