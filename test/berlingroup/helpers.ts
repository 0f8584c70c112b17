/**
 * The Berlin Group sandbox bank on a real HTTP port, with a fresh store and a fixed clock,
 * and request builders that send what the connector sends (bearer token, X-Request-ID,
 * Consent-ID on AIS calls).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  createBerlinGroupSandbox,
  type BerlinGroupSandbox,
  type BerlinGroupSandboxOptions,
} from '../../src/bank/berlingroup/sandbox';
import { warmUp } from '../../src/bank/berlingroup/sandbox/warm-up';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import { FIXED_NOW } from '../support/app';

export const ANA = 'sandbox-token-ana';
export const JOHN = 'sandbox-token-john';

/**
 * How long starting a sandbox may take: compiling the definition's schemas, route by
 * route, takes seconds each on a busy machine (once per test process).
 */
export const WARM_UP_MS = 180_000;

export interface RunningBerlinGroup {
  readonly app: BerlinGroupSandbox;
  readonly db: Db;
  /** Where the connector points: the server and the spec's /psd2 base path. */
  readonly baseUrl: string;
  get(token: string, path: string, consentId?: string): request.Test;
  post(token: string, path: string, body: object): request.Test;
  /** A valid consent for the token, as the connector asks for one. */
  consent(token: string, frequencyPerDay?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startBerlinGroup(options: Partial<BerlinGroupSandboxOptions> = {}): Promise<RunningBerlinGroup> {
  const db = await openStore('sqlite::memory:');
  const fixture = loadSandboxFixture();
  const app = createBerlinGroupSandbox({ fixture, db, now: () => FIXED_NOW, ...options });
  await app.ready;
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = request(server);
  const get = (token: string, path: string, consentId?: string) => {
    const call = agent
      .get(`/psd2${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-ID', randomUUID())
      .set('Accept', 'application/json');
    return consentId ? call.set('Consent-ID', consentId) : call;
  };
  const post = (token: string, path: string, body: object) =>
    agent
      .post(`/psd2${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-ID', randomUUID())
      .set('PSU-IP-Address', '192.0.2.10')
      .send(body);
  await warmUp(`http://127.0.0.1:${port}/psd2`, fixture);
  return {
    app,
    db,
    baseUrl: `http://127.0.0.1:${port}/psd2`,
    get,
    post,
    async consent(token, frequencyPerDay = 4) {
      const created = await post(token, '/v1/consents', {
        access: { allPsd2: 'allAccounts' },
        recurringIndicator: true,
        validUntil: '2026-12-29',
        frequencyPerDay,
        combinedServiceIndicator: false,
      });
      return (created.body as { consentId: string }).consentId;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
