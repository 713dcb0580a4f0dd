import type { YieldRow } from '../../../../shared/contract';
import { formatCount, formatPercent } from '../../lib/format';

/** First-pass and final yield per product and step over the last 24 hours. */
export function YieldTable({ rows }: { rows: readonly YieldRow[] }) {
  if (rows.length === 0) return <p className="empty-state">No test results in the last 24 h.</p>;
  return (
    <div className="table-scroll table-scroll-short">
      <table className="data-table" data-testid="yield-table">
        <caption className="visually-hidden">Yield per product and step, last 24 hours</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Step</th>
            <th scope="col" className="numeric">
              First-pass yield
            </th>
            <th scope="col" className="numeric">
              Final yield
            </th>
            <th scope="col" className="numeric">
              First pass good / tested
            </th>
            <th scope="col" className="numeric">
              Units
            </th>
            <th scope="col" className="numeric">
              Results
            </th>
            <th scope="col" className="numeric">
              No spec
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.productId}\u0000${row.testStep}`}>
              <td>{row.productId}</td>
              <td>{row.testStep}</td>
              <td className="numeric">{formatPercent(row.firstPassYield)}</td>
              <td className="numeric">{formatPercent(row.finalYield)}</td>
              <td className="numeric">
                {formatCount(row.firstPassGood)} / {formatCount(row.firstPassTested)}
              </td>
              <td className="numeric">{formatCount(row.units)}</td>
              <td className="numeric">{formatCount(row.results)}</td>
              <td className="numeric">{formatCount(row.noSpec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
