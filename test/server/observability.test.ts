/** What an operator sees: refusals logged with their reason and counted, latency per intent, process metrics, the store at start. */
import request from 'supertest';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp, type TestHttp } from '../support/http';

function entries(http: TestHttp): Record<string, unknown>[] {
  return http.saldo.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('refused requests', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp({ env: { ALEXA_SKILL_ID: 'amzn1.ask.skill.ours', SALDO_BODY_LIMIT: '1kb' } });
  });

  it.each([
    ['400, a body that is not JSON', () => '{not json', 400, 'body is not JSON'],
    [
      '403, a skill id no bank claims',
      () => JSON.stringify(alexaEnvelope({ skillId: 'amzn1.ask.skill.other' })),
      403,
      'unknown skill id',
    ],
    ['413, a body over the limit', () => JSON.stringify({ padding: 'x'.repeat(2048) }), 413, 'request body too large'],
  ])('%s: logged with the reason and counted', async (_case, body, status, reason) => {
    const before = http.saldo.logs.lines.length;
    const res = await request(http.app).post('/alexa').set('content-type', 'application/json').send(body());
    expect(res.status).toBe(status);
    const logged = entries(http)
      .slice(before)
      .filter((entry) => entry.msg === 'request refused');
    expect(logged).toEqual([expect.objectContaining({ platform: 'alexa', status, reason })]);
    const metrics = await request(http.app).get('/metrics');
    expect(metrics.text).toContain(
      `saldo_requests_refused_total{platform="alexa",status="${status}",reason="${reason}"} 1`,
    );
  });

  it('an answered request is not counted as refused', async () => {
    const res = await request(http.app)
      .post('/alexa')
      .send(alexaEnvelope({ skillId: 'amzn1.ask.skill.ours', intent: 'AMAZON.HelpIntent' }));
    expect(res.status).toBe(200);
    const metrics = await request(http.app).get('/metrics');
    expect(metrics.text).not.toContain('status="200",reason');
    expect(metrics.text).toMatch(
      /saldo_request_duration_seconds_count\{bank="sandbox",platform="alexa",intent="Help"\} 1/,
    );
  });
});

describe('/metrics', () => {
  it("includes prom-client's process and Node.js metrics once the server process asks for them", async () => {
    const http = await testHttpApp();
    expect((await request(http.app).get('/metrics')).text).not.toContain('process_cpu_user_seconds_total');
    http.application.metrics.collectProcessMetrics();
    const text = (await request(http.app).get('/metrics')).text;
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });
});

describe('start', () => {
  it('logs the store in use and the migrations it applied', async () => {
    const http = await testHttpApp();
    const opened = entries(http).find((entry) => typeof entry.store === 'string');
    expect(opened).toMatchObject({ store: 'sqlite::memory:', migrationsApplied: expect.arrayContaining([1, 2]) });
    expect(opened?.msg).toMatch(/^store sqlite::memory:; applied migrations 1, 2, /);
  });
});
