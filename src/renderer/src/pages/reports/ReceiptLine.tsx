import type { Receipt } from './use-report-maker';

/** The id and data fingerprint of what was just generated: the same ones the footer prints. */
export function ReceiptLine({ receipt }: { receipt: Receipt | null }) {
  if (!receipt) return null;
  return (
    <dl className="report-receipt" data-testid="report-receipt">
      <div>
        <dt>Last generated</dt>
        <dd>
          {receipt.what}
          {receipt.fileName && <span className="report-mono"> ({receipt.fileName})</span>}
        </dd>
      </div>
      <div>
        <dt>Report id</dt>
        <dd className="report-mono" data-testid="report-id">
          {receipt.reportId}
        </dd>
      </div>
      <div>
        <dt>Data SHA-256</dt>
        <dd className="report-mono break-anywhere" data-testid="report-sha">
          {receipt.dataSha256}
        </dd>
      </div>
    </dl>
  );
}
