/** Alexa's skill lifecycle events (AlexaSkillEvent.*) as the core's SkillEvent. */
import type { RequestEnvelope } from 'ask-sdk-model';
import type { SkillEvent, SkillEventKind } from '../../core/lifecycle';
import { MAX_ACCESS_TOKEN_LENGTH } from './envelope';

const KINDS: Readonly<Record<string, SkillEventKind>> = {
  'AlexaSkillEvent.SkillEnabled': 'enabled',
  'AlexaSkillEvent.SkillDisabled': 'disabled',
  'AlexaSkillEvent.SkillAccountLinked': 'account_linked',
  'AlexaSkillEvent.SkillPermissionAccepted': 'permissions_changed',
  'AlexaSkillEvent.SkillPermissionChanged': 'permissions_changed',
};

function token(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ACCESS_TOKEN_LENGTH ? value : undefined;
}

/** Undefined for any request that is not a skill lifecycle event. */
export function skillEventOf(envelope: RequestEnvelope): SkillEvent | undefined {
  const request = envelope.request as { type: string; requestId: string; body?: { accessToken?: unknown } };
  const kind = Object.hasOwn(KINDS, request.type) ? KINDS[request.type] : undefined;
  if (!kind) return undefined;
  return {
    kind,
    platform: 'alexa',
    requestId: request.requestId,
    // Account linking carries the new token in its body; other events, in the context when linked.
    accessToken: token(request.body?.accessToken) ?? token(envelope.context?.System?.user?.accessToken),
  };
}
