/**
 * The sandboxes validate against the part of their definition they serve: the routed
 * paths, every component those reach through any chain of $refs, and the security
 * schemes. What the sandbox does not route is a 404, as an unknown path is.
 */
import { servedPart } from '../../src/bank/sandbox/spec-validation';
import { AIS, JOHN, PIS, startSandbox } from './helpers';

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

const definition = {
  openapi: '3.0.0',
  info: { title: 'two operations', version: '1' },
  paths: {
    '/served': {
      get: {
        parameters: [ref('parameters', 'Page')],
        responses: { '200': ref('responses', 'Listing') },
      },
    },
    '/unserved': { get: { responses: { '200': ref('responses', 'Other') } } },
  },
  components: {
    parameters: { Page: { in: 'query', name: 'page', schema: ref('schemas', 'PageNumber') } },
    responses: {
      Listing: { description: 'a list', content: { 'application/json': { schema: ref('schemas', 'List') } } },
      Other: { description: 'other', content: { 'application/json': { schema: ref('schemas', 'Unreached') } } },
    },
    schemas: {
      PageNumber: { type: 'integer' },
      List: { type: 'array', items: ref('schemas', 'Item') },
      // Reached only through Item, two $refs down from the operation.
      Item: { type: 'object', properties: { amount: ref('schemas', 'Amount') } },
      Amount: { type: 'string', pattern: '^\\d+\\.\\d{2}$' },
      Unreached: { type: 'object' },
    },
    securitySchemes: { PSUOAuth2Security: { type: 'oauth2' } },
  },
};

describe('servedPart', () => {
  it('keeps the served paths and every component they reach, transitively, and nothing else', () => {
    const part = servedPart(definition, ['/served']);
    expect(Object.keys(part.paths as object)).toEqual(['/served']);
    expect(part.components).toEqual({
      parameters: { Page: definition.components.parameters.Page },
      responses: { Listing: definition.components.responses.Listing },
      schemas: {
        PageNumber: definition.components.schemas.PageNumber,
        List: definition.components.schemas.List,
        Item: definition.components.schemas.Item,
        Amount: definition.components.schemas.Amount,
      },
      securitySchemes: definition.components.securitySchemes,
    });
    expect(part.info).toBe(definition.info);
  });

  it('refuses a served path the definition does not have, and a $ref that leads nowhere', () => {
    expect(() => servedPart(definition, ['/served', '/typo'])).toThrow('the definition has no path /typo');
    const broken = { ...definition, paths: { '/served': { get: { responses: { '200': ref('responses', 'Gone') } } } } };
    expect(() => servedPart(broken, ['/served'])).toThrow('no component for #/components/responses/Gone');
  });
});

describe('an operation the Open Banking sandbox does not serve', () => {
  it('is a 404 like an unknown path, while the served ones answer', async () => {
    const sandbox = await startSandbox();
    try {
      // Both are in the official definitions; the sandbox routes neither.
      await sandbox.get(JOHN, `${AIS}/accounts/acc-john-chk/offers`).expect(404);
      await sandbox.get(JOHN, `${PIS}/domestic-scheduled-payments/whatever`).expect(404);
      await sandbox.get(JOHN, `${AIS}/accounts`).expect(200);
      expect(sandbox.app.responseValidationErrors).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
