/**
 * The escaping boundary of the report page. Everything a report prints comes from data that
 * people and machines typed (machine names, product ids, alert messages, reasons), so every
 * value interpolated into `html\`...\`` is HTML-escaped unless it is already `SafeHtml`, which
 * only this module and trusted renderers (ECharts' SVG output) create.
 */

/** A piece of markup that is already safe to place in the page as-is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, safe markup, or lists of these. */
export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // null, undefined and false render nothing, so `${condition && html`...`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** The tagged template: literal parts are trusted markup, every `${value}` is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks markup produced by a trusted generator as safe. Callers vouch that `markup` holds no
 * text from report data that was not escaped by that generator.
 */
export function trustedMarkup(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
