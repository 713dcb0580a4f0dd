import type { SpecVersion } from '../../../../shared/contract';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

interface SpecListProps {
  specs: readonly SpecVersion[];
  /** Offered to those who may set limits: fills the form from a version. */
  onNewVersion?: (spec: SpecVersion) => void;
}

/** Every version of the limits, newest first; an open side shows as "open". */
export function SpecList({ specs, onNewVersion }: SpecListProps) {
  if (specs.length === 0)
    return <p className="empty-state">No spec limits yet: every result is NO SPEC.</p>;
  const limit = (value: number | null): string => (value === null ? 'open' : formatNumber(value));
  return (
    <div className="table-scroll table-scroll-short">
      <table className="data-table" data-testid="spec-table">
        <caption className="visually-hidden">Spec limit versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Step</th>
            <th scope="col" className="numeric">
              Version
            </th>
            <th scope="col">Applies to</th>
            <th scope="col" className="numeric">
              Lower
            </th>
            <th scope="col" className="numeric">
              Upper
            </th>
            <th scope="col">Valid from</th>
            <th scope="col">By</th>
            {onNewVersion && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {specs.map((spec) => (
            <tr key={spec.id}>
              <td>{spec.productId}</td>
              <td>{spec.testStep}</td>
              <td className="numeric">v{spec.version}</td>
              <td>{spec.lineId ? `Line ${spec.lineId}` : 'Plant-wide'}</td>
              <td className="numeric">{limit(spec.lower)}</td>
              <td className="numeric">{limit(spec.upper)}</td>
              <td className="nowrap">{formatDateTime(spec.validFrom)}</td>
              <td>{spec.createdBy ?? '—'}</td>
              {onNewVersion && (
                <td className="nowrap">
                  <button
                    type="button"
                    onClick={() => onNewVersion(spec)}
                    title="New version from this one: fills the form below with these limits"
                    aria-label={`New version from ${spec.productId} · ${spec.testStep} v${spec.version}`}
                  >
                    New version
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
