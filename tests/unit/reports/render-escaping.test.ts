import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedMarkup } from '../../../src/backend/reports/render/html';
import { renderReport } from '../../../src/backend/reports/render/render-report';
import { FIXTURES, jobFor, poisoned } from '../../support/report-fixtures';

/**
 * The escaping boundary: names, ids, messages and reasons are hostile input. Every template
 * and the page chrome must print them as text, never as markup.
 */

describe('the html tag', () => {
  it('escapes every interpolation and leaves safe markup alone', () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    const inner = html`${'<script>alert(1)</script>'} ${trustedMarkup('<b>ok</b>')}`;
    const out = html`<td title="${hostile}">${inner}</td>`;
    expect(out.value).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt; <b>ok</b></td>',
    );
  });

  it('joins lists, prints numbers and drops null, undefined and false', () => {
    const out = html`${['a&b', html`<i>${"it's"}</i>`]}|${3.5}|${null}${undefined}${false}`;
    expect(out.value).toBe('a&amp;b<i>it&#39;s</i>|3.5|');
  });

  it('escapes each special character once', () => {
    expect(escapeHtml(`Tom & Jerry <"'>`)).toBe('Tom &amp; Jerry &lt;&quot;&#39;&gt;');
    expect(html`${html`${'&'}`}`.value).toBe('&amp;');
  });
});

describe.each(['shift', 'quality', 'alarm', 'maintenance'] as const)(
  'the %s template with hostile names everywhere',
  (type) => {
    const report = poisoned(FIXTURES[type]());
    const rendered = renderReport(report, jobFor(report));
    const page = rendered.html!;
    const pageChrome = rendered.pageChrome;
    const documents = {
      page,
      header: pageChrome!.headerHtml,
    };
    const footer = pageChrome!.footerHtml;

    it.each(Object.keys(documents) as Array<keyof typeof documents>)(
      'prints them as text in the %s',
      (part) => {
        const text = documents[part];
        expect(text).not.toMatch(/<script/i);
        expect(text).not.toMatch(/<img/i);
        // No element carries an event handler or loads anything.
        expect(text).not.toMatch(/<[^>]*\son\w+=/i);
        expect(text).not.toMatch(/<[^>]*\s(src|href)=/i);
        expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
        expect(text).toContain('Tom &amp; Jerry');
        expect(text).not.toContain('&amp;amp;');
      },
    );

    it('keeps the footer to the report id, the full hash and the page numbers', () => {
      expect(footer).toContain(`Report ${report.meta.id}`);
      expect(footer).toContain(`SHA-256 ${report.meta.dataSha256}`);
      expect(footer).toContain('<span class="pageNumber"></span>');
      expect(footer).toContain('<span class="totalPages"></span>');
      expect(footer).not.toMatch(/<script|<img/i);
      // Chromium renders the templates without the page's stylesheet: sizes must be inline.
      for (const chrome of [footer, documents.header])
        expect(chrome).toMatch(/^<div style="[^"]*font-size:8px/);
    });

    it('escapes them in the tables, figures and charts too', () => {
      const hostileCells = page.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1;
      // Title, plant, scope, every figure label and note, section titles, table cells …
      expect(hostileCells).toBeGreaterThan(20);
      expect(page).toMatch(/<td>[^<]*&lt;script&gt;/);
      expect(page).toMatch(/<div class="label">[^<]*&lt;script&gt;/);
    });

    it('is one self-contained document that loads nothing and runs nothing', () => {
      expect(page.startsWith('<!doctype html>')).toBe(true);
      expect(page).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"`,
      );
      expect(page).not.toMatch(/<(link|iframe|object|embed|base)\b/i);
      // Only references inside the page (SVG clip paths: url(#…)).
      expect(page).not.toMatch(/url\((?!#)/i);
    });
  },
);

it('bar charts escape hostile category and series names in their SVG', () => {
  const report = poisoned(FIXTURES.shift());
  const { html: page } = renderReport(report, jobFor(report));
  const svg = page!.slice(page!.indexOf('<svg'), page!.lastIndexOf('</svg>'));
  expect(svg).toContain('&lt;script&gt;');
  expect(svg).not.toMatch(/<script|<img/i);
});
