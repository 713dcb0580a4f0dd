import { createHash } from 'node:crypto';
import type { KeyFigure, ReportSection } from '../../../shared/contract';

/**
 * The SHA-256 printed in a report's footer: of the data alone, so the same data gives the
 * same digest whether it was shown as JSON, HTML, CSV or PDF.
 */
export function reportDataSha256(figures: KeyFigure[], sections: ReportSection[]): string {
  return createHash('sha256').update(JSON.stringify({ figures, sections })).digest('hex');
}
