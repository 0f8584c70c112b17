/** Says where a request failed its schema without repeating what the sender wrote. */
import type { z } from 'zod';

/**
 * "request.intent.slots.*.value: Too big: …": the path names only the schema's own fields
 * (and array positions); a key the sender chose is "*", so a refusal never echoes input.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, fieldNames: ReadonlySet<string>): string {
  if (!issue) return 'body: invalid';
  const path = issue.path.map((key) => (typeof key === 'number' || fieldNames.has(String(key)) ? String(key) : '*'));
  return `${path.join('.') || 'body'}: ${issue.message}`;
}
