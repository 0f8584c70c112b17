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
 * development dependency), colourised lines with local times.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'saldo' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (!destination && process.stdout.isTTY && prettyInstalled()) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
      },
    });
  }
  return pino(options, destination);
}

function prettyInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
