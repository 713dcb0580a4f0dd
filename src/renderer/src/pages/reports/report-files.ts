import type { ReportFile } from '../../../../shared/contract';
import { base64ToBytes } from '../../lib/base64';

/** Long enough for the browser (or Electron's save dialog) to have taken the bytes. */
const REVOKE_AFTER_MS = 60_000;

/** Hands a report file to the browser's download (the desktop app asks where to save it). */
export function saveReportFile(file: ReportFile): void {
  const blob = new Blob([base64ToBytes(file.base64)], { type: file.contentType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
