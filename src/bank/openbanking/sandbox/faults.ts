/**
 * Fault injection for connector tests: a plan of rules, each matching requests by method
 * and path and doing one thing to them — a delay, an error status, a truncated JSON body
 * or a dropped connection — before the bank handles the request, or after it (the work is
 * done, e.g. the payment executed, and then the answer is late, wrong or lost).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import * as z from 'zod';

export interface FaultRule {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Tested against the request path (no query); any path when absent. */
  readonly path?: RegExp;
  /** Wait this long first (before handling, or before sending the handled answer). */
  readonly latencyMs?: number;
  /** Answer with this status (and an OBErrorResponse1 body) instead. */
  readonly status?: number;
  /** Answer with a truncated, unparseable JSON body (status: `status`, else the real one / 200). */
  readonly malformedJson?: true;
  /** Destroy the connection instead of answering. */
  readonly resetConnection?: true;
  /** Let the bank handle the request first, then apply the fault to its answer. */
  readonly afterHandling?: true;
  /** Apply this many times, then the rule expires (forever when absent). */
  readonly times?: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultPlan {
  private rules: ActiveRule[] = [];

  /** Replaces the plan with this one rule. */
  set(rule: FaultRule): this {
    this.rules = [];
    return this.add(rule);
  }

  /** Adds a rule after the others; the first matching rule applies. */
  add(rule: FaultRule): this {
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1))
      throw new Error('times must be a positive integer');
    if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599))
      throw new Error('status must be an HTTP status');
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  get active(): readonly FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** The rule for this request, counted as applied; undefined when none matches. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex(({ rule }) => {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
      if (rule.path) {
        rule.path.lastIndex = 0;
        if (!rule.path.test(path)) return false;
      }
      return true;
    });
    const active = this.rules[index];
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    return active.rule;
  }
}

/** Waits, but no longer than the client stays connected (no timer outlives its socket). */
function delay(ms: number | undefined, req: Request): Promise<void> {
  if (!ms || ms <= 0 || req.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    req.socket.once('close', done);
  });
}

/** The error body a fault answers with, in the bank's own standard. */
export type FaultBody = (status: number) => string;

function faultBody(status: number): string {
  return JSON.stringify({
    Code: `${status} Fault`,
    Message: 'fault injected by the sandbox bank',
    Errors: [{ ErrorCode: 'UK.OBIE.UnexpectedError', Message: 'fault injected by the sandbox bank' }],
  });
}

/** First half of a JSON document: never parseable. */
function truncated(body: string): string {
  const text = body.length > 2 ? body : '{"Data":{"Account":[{"AccountId":"';
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

function sendRaw(res: Response, status: number, body: string): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (status === 429 || status === 503) res.setHeader('retry-after', '1');
  res.end(body);
}

type End = (this: Response, ...args: unknown[]) => Response;

/** Holds the handled answer back at res.end and applies the fault to it. */
function faultAfterHandling(req: Request, res: Response, rule: FaultRule, body: FaultBody): void {
  const target = res as unknown as { end: End };
  const originalEnd = target.end;
  target.end = function faultyEnd(this: Response, ...args: unknown[]): Response {
    target.end = originalEnd;
    void delay(rule.latencyMs, req).then(() => {
      if (rule.resetConnection) {
        req.socket.destroy();
        return;
      }
      if ((rule.malformedJson || rule.status) && !res.headersSent) {
        const [chunk] = args;
        const handled = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        const status = rule.status ?? res.statusCode;
        const replacement = rule.malformedJson ? truncated(handled) : body(status);
        res.removeHeader('content-length');
        res.removeHeader('etag');
        sendRaw(res, status, replacement);
        return;
      }
      originalEnd.apply(res, args);
    });
    return res;
  };
}

export function faultMiddleware(plan: FaultPlan, body: FaultBody = faultBody): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/__faults')) return next();
    const rule = plan.take(req.method, req.path);
    if (!rule) return next();
    if (rule.afterHandling) {
      faultAfterHandling(req, res, rule, body);
      return next();
    }
    void delay(rule.latencyMs, req).then(() => {
      if (req.socket.destroyed) return;
      if (rule.resetConnection) return void req.socket.destroy();
      if (rule.malformedJson) return sendRaw(res, rule.status ?? 200, truncated(''));
      if (rule.status) return sendRaw(res, rule.status, body(rule.status));
      next();
    });
  };
}

const ruleBody = z
  .object({
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(100).max(599).optional(),
    malformedJson: z.literal(true).optional(),
    resetConnection: z.literal(true).optional(),
    afterHandling: z.literal(true).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict();

/** POST /__faults adds a rule (path is a RegExp source), GET lists them, DELETE clears. */
export function faultAdminRouter(plan: FaultPlan): Router {
  const router = Router();
  router.post('/__faults', (req, res) => {
    const parsed = ruleBody.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      return;
    }
    let path: RegExp | undefined;
    try {
      path = parsed.data.path === undefined ? undefined : new RegExp(parsed.data.path);
    } catch {
      res.status(400).json({ error: 'path: not a regular expression' });
      return;
    }
    plan.add({ ...parsed.data, path });
    res.status(201).json({ rules: plan.active.length });
  });
  router.get('/__faults', (_req, res) => {
    res.json({ rules: plan.active.map((r) => ({ ...r, path: r.path?.source })) });
  });
  router.delete('/__faults', (_req, res) => {
    plan.clear();
    res.status(204).end();
  });
  return router;
}
