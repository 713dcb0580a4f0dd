import { useState } from 'react';
import type { PaperSize } from '../../../../shared/contract';

interface ReportPreviewProps {
  html: string;
  paper: PaperSize;
  title: string;
  /** The loaded frame, for printing; null while it (re)loads. */
  onReady: (frame: HTMLIFrameElement | null) => void;
}

/**
 * The report page as it will print, on a sheet of the chosen paper. The frame is sandboxed
 * without scripts: the page is data only and must never run code, whatever a machine or line
 * name holds. Same origin only so the app can measure its height and print it; modals so
 * `print()` may open the print dialog.
 */
export function ReportPreview({ html, paper, title, onReady }: ReportPreviewProps) {
  const [height, setHeight] = useState<number | null>(null);
  return (
    <div className="report-desk">
      <iframe
        className={`report-paper report-paper-${paper}`}
        title={title}
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
        style={height ? { height: `${height}px` } : undefined}
        data-testid="report-preview"
        onLoad={(event) => {
          const frame = event.currentTarget;
          // The whole report on the app's own scroller: no second scrollbar inside the sheet.
          const documentHeight = frame.contentDocument?.documentElement.scrollHeight;
          if (documentHeight) setHeight(documentHeight);
          onReady(frame);
        }}
      />
    </div>
  );
}
