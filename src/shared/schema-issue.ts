/** Says where a request failed its schema without repeating what the sender wrote. */
import type * as z from 'zod';

/**
 * "request.intent.slots.*.value: Too big: …": the path names only the schema's own fields
 * (and array positions); a key the sender chose is "*", so a refusal never echoes input.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, fieldNames: ReadonlySet<string>): string {
  if (!issue) return 'body: invalid';
  const path = issue.path.map((key) => (typeof key === 'number' || fieldNames.has(String(key)) ? String(key) : '*'));
  return `${path.join('.') || 'body'}: ${issue.message}`;
}

/** The most a configuration error lists: a file broken throughout is known by its first few. */
const ISSUES_LISTED = 5;

/** "accounts.0.id: Too small: …; …" for an operator's own files, the first few issues and how many more. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], whole = ''): string {
  const listed = issues.slice(0, ISSUES_LISTED).map((i) => `${i.path.join('.') || whole}: ${i.message}`);
  const more = issues.length - ISSUES_LISTED;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}
