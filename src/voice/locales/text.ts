import type { Spoken } from '../spoken';

/** Upper-cases the first letter that will be heard or read, skipping SSML tags. */
export function capitalise(spoken: Spoken): Spoken {
  const text = spoken.text.replace(/^\s*\p{L}/u, (c) => c.toUpperCase());
  const ssml = spoken.ssml.replace(
    /^((?:\s|<[^>]*>)*)(\p{L})/u,
    (_m, lead: string, c: string) => lead + c.toUpperCase(),
  );
  return { ssml, text };
}
