/**
 * Sample templates: one line stands for every phrasing people use for it.
 *
 *   (what's|what is) [the] balance (in|on) my {accountType}
 *   <please> pay {payee} <amount>
 *
 * `(a|b)` is one of the alternatives, `[a]` is optional, `<name>` is one of the locale's
 * shared phrases (themselves templates), `{slot}` stays a slot. Expansion multiplies out
 * every choice, tidies spaces and drops duplicates, in a stable order.
 */

/** One template may stand for at most this many phrasings: a guard against a runaway product. */
export const MAX_EXPANSIONS_PER_TEMPLATE = 5000;

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'choice'; readonly options: readonly Node[][] }
  | { readonly kind: 'phrase'; readonly name: string };

export class TemplateError extends Error {
  constructor(template: string, message: string) {
    super(`"${template}": ${message}`);
    this.name = 'TemplateError';
  }
}

function parse(template: string): Node[] {
  let at = 0;
  const sequence = (closers: string): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (at < template.length && !closers.includes(template[at] ?? '')) {
      const char = template[at] ?? '';
      if (char === '(' || char === '[') {
        flush();
        at += 1;
        const options = alternatives(char === '(' ? ')' : ']');
        // [a] is (a|): the empty option comes last, so the fuller phrasing is listed first.
        nodes.push({ kind: 'choice', options: char === '[' ? [...options, []] : options });
      } else if (char === '<') {
        flush();
        const end = template.indexOf('>', at);
        if (end < 0) throw new TemplateError(template, 'unclosed <');
        nodes.push({ kind: 'phrase', name: template.slice(at + 1, end).trim() });
        at = end + 1;
      } else if (char === ')' || char === ']' || char === '|' || char === '>') {
        throw new TemplateError(template, `unexpected ${char}`);
      } else {
        text += char;
        at += 1;
      }
    }
    flush();
    return nodes;
  };
  const alternatives = (closer: string): Node[][] => {
    const options: Node[][] = [sequence(`|${closer}`)];
    while (template[at] === '|') {
      at += 1;
      options.push(sequence(`|${closer}`));
    }
    if (template[at] !== closer) throw new TemplateError(template, `missing ${closer}`);
    at += 1;
    return options;
  };
  const nodes = sequence('');
  if (at < template.length) throw new TemplateError(template, `unexpected ${template[at] ?? ''}`);
  return nodes;
}

function tidy(phrase: string): string {
  return phrase.replace(/\s+/g, ' ').trim();
}

/** Every phrasing a template stands for, tidied and de-duplicated, in order. */
export function expandTemplate(template: string, phrases: Readonly<Record<string, string>> = {}): string[] {
  const parsed = new Map<string, Node[]>();
  const nodesOf = (name: string, trail: readonly string[]): Node[] => {
    if (trail.includes(name)) throw new TemplateError(template, `<${name}> refers to itself`);
    const source = phrases[name];
    if (source === undefined) throw new TemplateError(template, `no shared phrase <${name}>`);
    let nodes = parsed.get(name);
    if (!nodes) {
      nodes = parse(source);
      parsed.set(name, nodes);
    }
    return nodes;
  };
  const expand = (nodes: readonly Node[], trail: readonly string[]): string[] => {
    let results = [''];
    for (const node of nodes) {
      let options: string[];
      if (node.kind === 'text') options = [node.text];
      else if (node.kind === 'phrase') options = expand(nodesOf(node.name, trail), [...trail, node.name]);
      else options = node.options.flatMap((option) => expand(option, trail));
      results = results.flatMap((prefix) => options.map((option) => prefix + option));
      if (results.length > MAX_EXPANSIONS_PER_TEMPLATE)
        throw new TemplateError(template, `stands for more than ${MAX_EXPANSIONS_PER_TEMPLATE} phrasings`);
    }
    return results;
  };
  const phrasings = expand(parse(template), []).map(tidy).filter(Boolean);
  return [...new Set(phrasings)];
}

/** Every phrasing of a list of templates, in order, without duplicates. */
export function expandTemplates(
  templates: readonly string[],
  phrases: Readonly<Record<string, string>> = {},
): string[] {
  return [...new Set(templates.flatMap((template) => expandTemplate(template, phrases)))];
}
