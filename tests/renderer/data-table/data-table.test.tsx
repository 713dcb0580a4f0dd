import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from '../../../src/renderer/src/components/data-table/DataTable';
import type { DataColumn } from '../../../src/renderer/src/components/data-table/columns';
import { stubBoxSize } from './box-size';

interface Machine {
  id: string;
  line: string;
  temperature: number | null;
}

const MACHINES: Machine[] = [
  { id: 'M-10', line: 'LINE-B', temperature: 71.5 },
  { id: 'M-2', line: 'LINE-A', temperature: null },
  { id: 'M-1', line: 'LINE-C', temperature: 64 },
];

const COLUMNS: DataColumn<Machine>[] = [
  { id: 'machine', header: 'Machine', cell: (m) => m.id, sortValue: (m) => m.id },
  {
    id: 'temperature',
    header: 'Temperature',
    align: 'end',
    cell: (m) => (m.temperature === null ? '—' : `${m.temperature} °C`),
    sortValue: (m) => m.temperature,
  },
  { id: 'line', header: 'Line', cell: (m) => m.line, priority: 3 },
  { id: 'actions', header: 'Actions', hideHeader: true, pin: true, cell: () => 'Open' },
];

let restoreBox: (() => void) | undefined;
afterEach(() => restoreBox?.());

/** The first cell of every body row, top to bottom. */
function firstColumn(): string[] {
  const body = screen.getByRole('table').querySelector('tbody');
  return [...(body?.querySelectorAll('tr') ?? [])].map((row) => row.cells[0]?.textContent ?? '');
}

describe('DataTable sorting', () => {
  it('keeps the given order until a header is clicked, then sorts up, down and back', () => {
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} caption="Machines" />);
    expect(firstColumn()).toEqual(['M-10', 'M-2', 'M-1']);
    const header = screen.getByRole('columnheader', { name: 'Machine' });
    expect(header.getAttribute('aria-sort')).toBeNull();

    fireEvent.click(within(header).getByRole('button'));
    // Ids with numbers sort as people read them: M-2 before M-10.
    expect(firstColumn()).toEqual(['M-1', 'M-2', 'M-10']);
    expect(header.getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(within(header).getByRole('button'));
    expect(firstColumn()).toEqual(['M-10', 'M-2', 'M-1']);
    expect(header.getAttribute('aria-sort')).toBe('descending');

    fireEvent.click(within(header).getByRole('button'));
    expect(firstColumn()).toEqual(['M-10', 'M-2', 'M-1']);
    expect(header.getAttribute('aria-sort')).toBeNull();
  });

  it('sorts numbers as numbers, rows without a value last in both directions', () => {
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} />);
    const button = within(screen.getByRole('columnheader', { name: 'Temperature' })).getByRole(
      'button',
    );
    fireEvent.click(button);
    expect(firstColumn()).toEqual(['M-1', 'M-10', 'M-2']);
    fireEvent.click(button);
    expect(firstColumn()).toEqual(['M-10', 'M-1', 'M-2']);
  });

  it('sorts from the keyboard: the header is a button in the tab order', () => {
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} />);
    const button = screen.getByRole('button', { name: 'Machine' });
    button.focus();
    expect(document.activeElement).toBe(button);
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    // A native button turns Enter and Space into a click.
    fireEvent.click(button);
    expect(firstColumn()[0]).toBe('M-1');
  });

  it('offers no sorting on a column without a sort value', () => {
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} />);
    const line = screen.getByRole('columnheader', { name: 'Line' });
    expect(within(line).queryByRole('button')).toBeNull();
  });
});

describe('DataTable column priority', () => {
  it('drops priority-3 columns on a table 1,366 px wide, keeping the main ones and the actions', () => {
    restoreBox = stubBoxSize({ width: 1340, height: 600 });
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} />);
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Machine', 'Temperature', 'Actions']);
    expect(screen.getAllByRole('row')[1]?.querySelectorAll('td')).toHaveLength(3);
  });

  it('shows every column on a wide table', () => {
    restoreBox = stubBoxSize({ width: 1880, height: 600 });
    render(<DataTable rows={MACHINES} columns={COLUMNS} rowKey={(m) => m.id} />);
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Machine', 'Temperature', 'Line', 'Actions']);
  });

  it('drops priority 2 as well on a panel 800 px wide', () => {
    restoreBox = stubBoxSize({ width: 800, height: 600 });
    const columns = COLUMNS.map((column) =>
      column.id === 'temperature' ? { ...column, priority: 2 as const } : column,
    );
    render(<DataTable rows={MACHINES} columns={columns} rowKey={(m) => m.id} />);
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Machine', 'Actions']);
  });
});

describe('DataTable rows', () => {
  it('shows the empty text instead of a table when there are no rows', () => {
    render(<DataTable rows={[]} columns={COLUMNS} rowKey={(m) => m.id} empty="No machines yet." />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No machines yet.').className).toBe('empty-state');
  });

  it('gives abnormal rows their class and keeps the row attributes', () => {
    render(
      <DataTable
        rows={MACHINES}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        rowClass={(m) => ((m.temperature ?? 0) > 70 ? 'row-alarm' : undefined)}
        rowProps={(m) => ({ 'data-testid': 'machine-row', 'data-id': m.id })}
      />,
    );
    const rows = screen.getAllByTestId('machine-row');
    expect(rows.map((row) => row.className)).toEqual(['row-alarm', '', '']);
    expect(rows[0]?.getAttribute('data-id')).toBe('M-10');
  });
});

describe('DataTable custom rows', () => {
  it('lets a row replace a cell and span a detail row over the columns shown', () => {
    restoreBox = stubBoxSize({ width: 1340, height: 600 });
    render(
      <DataTable
        rows={MACHINES.slice(0, 1)}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        renderRow={(m, parts) => (
          <>
            <tr data-testid="main-row">
              {parts.cells({ actions: <button>Replay {m.id}</button> })}
            </tr>
            <tr>
              <td data-testid="detail" colSpan={parts.columnCount}>
                payload
              </td>
            </tr>
          </>
        )}
      />,
    );
    expect(screen.getByTestId('main-row').textContent).toContain('Replay M-10');
    // The Line column (priority 3) is left out at this width: three columns remain.
    expect(screen.getByTestId('detail').getAttribute('colspan')).toBe('3');
  });
});

describe('DataTable windowing', () => {
  const MANY: Machine[] = Array.from({ length: 1000 }, (_, index) => ({
    id: `M-${index}`,
    line: 'LINE-A',
    temperature: index,
  }));

  it('renders only the rows in view, and the others as the box scrolls', async () => {
    restoreBox = stubBoxSize({ width: 1500, height: 440 });
    render(
      <DataTable
        rows={MANY}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        virtual={{ rowHeight: 44, overscan: 5 }}
        testId="machines"
      />,
    );
    const table = screen.getByTestId('machines');
    const shown = (): string[] =>
      [...table.querySelectorAll('tbody tr:not([aria-hidden])')].map(
        (row) => (row as HTMLTableRowElement).cells[0]?.textContent ?? '',
      );
    // 440 px of 44 px rows is 10 rows, plus 5 either side.
    expect(shown().length).toBeLessThanOrEqual(16);
    expect(shown()[0]).toBe('M-0');
    expect(table.getAttribute('aria-rowcount')).toBe('1001');

    const box = table.parentElement as HTMLElement;
    await act(async () => {
      box.scrollTop = 500 * 44;
      fireEvent.scroll(box);
    });
    expect(shown()).toContain('M-500');
    expect(shown()).not.toContain('M-0');
    expect(shown().length).toBeLessThanOrEqual(21);
    const row500 = [...table.querySelectorAll('tbody tr')].find(
      (row) => (row as HTMLTableRowElement).cells[0]?.textContent === 'M-500',
    );
    expect(row500?.getAttribute('aria-rowindex')).toBe('502');
  });
});
