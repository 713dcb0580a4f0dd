/**
 * The report page's only stylesheet, inline because the page loads nothing. Print first:
 * sizes in pt, black on white, figures and charts kept whole across pages, table headers
 * repeated on every page. On screen (the in-app preview) the page sits on a grey desk.
 */
export const REPORT_CSS = `
@page { size: auto; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  color: #1b1f24;
  background: #ffffff;
  font-family: 'Liberation Sans', 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif;
  font-size: 9.5pt;
  line-height: 1.35;
  font-variant-numeric: tabular-nums;
}
@media screen {
  body { background: #e6e9ed; padding: 16px 0; }
  .page {
    max-width: 210mm;
    margin: 0 auto;
    padding: 14mm 12mm;
    background: #ffffff;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18);
  }
  .paper-Letter .page { max-width: 8.5in; }
}
h1, h2, h3 { margin: 0; font-weight: 700; break-after: avoid; page-break-after: avoid; }
p { margin: 0; }

.title-block { border-bottom: 2px solid #1f4e79; padding-bottom: 8pt; margin-bottom: 8pt; }
.title-block .plant {
  font-size: 8.5pt; letter-spacing: 0.08em; text-transform: uppercase; color: #5b6470;
}
.title-block h1 { font-size: 20pt; line-height: 1.15; margin: 2pt 0 1pt; color: #10263d; }
.title-block .scope { font-size: 11.5pt; color: #1b1f24; overflow-wrap: anywhere; }
.title-block dl {
  display: grid; grid-template-columns: max-content 1fr max-content 1fr;
  gap: 2pt 10pt; margin: 8pt 0 0; font-size: 8.5pt;
}
.title-block dt { color: #5b6470; }
.title-block dd { margin: 0; overflow-wrap: anywhere; }
.title-block .hash { grid-column: 2 / span 3; font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 7.5pt; }

.completeness {
  display: flex; align-items: center; gap: 8pt;
  border: 1px solid #d0d5db; border-left: 4px solid #1f4e79;
  padding: 5pt 8pt; margin-bottom: 10pt; font-size: 8.5pt;
  break-inside: avoid;
}
.completeness.partial { border-left-color: #c77c0e; }
.completeness .meter { flex: 0 0 60pt; height: 6pt; background: #e3e6ea; border: 1px solid #b9c0c8; }
.completeness .meter span { display: block; height: 100%; background: #1f4e79; }
.completeness.partial .meter span { background: #c77c0e; }
.completeness strong { font-size: 9.5pt; }

.figures {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(112pt, 1fr));
  gap: 6pt; margin: 0 0 12pt;
}
.figure {
  border: 1px solid #d0d5db; border-top: 3px solid #1f4e79;
  padding: 5pt 7pt 6pt; break-inside: avoid; background: #f7f9fb;
}
.figure .label { font-size: 8pt; color: #5b6470; }
.figure .value { font-size: 16pt; font-weight: 700; line-height: 1.2; color: #10263d; }
.figure .note { font-size: 7.5pt; color: #5b6470; line-height: 1.25; margin-top: 1pt; }
.figure.missing .value { color: #8a8f96; }
.figures.compact { grid-template-columns: repeat(auto-fill, minmax(82pt, 1fr)); gap: 4pt; margin-bottom: 8pt; }
.figures.compact .figure { border-top-width: 2px; padding: 3pt 6pt 4pt; }
.figures.compact .value { font-size: 12pt; }

section.report-section { margin-top: 14pt; }
section.report-section.keep-whole { break-inside: avoid; }
section.report-section.new-page { break-before: page; margin-top: 0; }
section.report-section > h2 {
  font-size: 13pt; color: #10263d; border-bottom: 1px solid #b9c0c8; padding-bottom: 2pt; margin-bottom: 4pt;
  overflow-wrap: anywhere;
}
.section-note { font-size: 8.5pt; color: #5b6470; margin-bottom: 6pt; break-after: avoid; }

/* minmax(0, …): an SVG's own width must not widen its column past the page. */
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8pt; margin-bottom: 8pt; }
figure.chart { margin: 0; break-inside: avoid; border: 1px solid #d5dae0; padding: 4pt 4pt 0; }
figure.chart figcaption { font-size: 9pt; font-weight: 700; margin: 0 0 2pt 2pt; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart .empty { font-size: 8.5pt; color: #5b6470; padding: 14pt 4pt; text-align: center; }

.table-block { margin-bottom: 10pt; }
.table-block h3 { font-size: 10pt; margin: 6pt 0 3pt; }
.table-block.short { break-inside: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th {
  text-align: left; font-weight: 700; color: #10263d; background: #eef1f4;
  border-bottom: 1.5px solid #1f4e79; padding: 3pt 5pt; vertical-align: bottom;
}
td { padding: 2.5pt 5pt; border-bottom: 0.75px solid #dde1e6; vertical-align: top; overflow-wrap: break-word; }
tbody tr:nth-child(even) td { background: #f8f9fb; }
th.num, td.num { text-align: right; white-space: nowrap; }
td.time { white-space: nowrap; }
td.missing { color: #8a8f96; }
.table-empty { font-size: 8.5pt; color: #5b6470; font-style: italic; padding: 3pt 0 6pt; }
.table-more { font-size: 8pt; color: #5b6470; padding-top: 2pt; }
`;
