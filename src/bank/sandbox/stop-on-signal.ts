/** A sandbox bank process stops on SIGINT/SIGTERM: no new connections, its store closed, exit 0. */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../../store/db';

export function stopOnSignal(server: Server, db: Db, log: Logger, name: string): void {
  const stop = () => {
    log.info(`${name} stopping`);
    server.close(() => void db.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
