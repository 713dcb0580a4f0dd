import { describe, expect, it } from 'vitest';
import { SimulatorOptions } from '../../src/shared/contract';
import { isSimulatorWindow, SIMULATOR_WINDOW_QUERY } from '../../src/shared/desktop/windows';
import { isAppPage } from '../../src/shared/desktop/trusted-url';
import { optionProblems } from '../../src/renderer/src/lib/simulator-options';

describe('the simulator window flag', () => {
  it('is read from the query the shell loads the window with', () => {
    expect(isSimulatorWindow(`?${SIMULATOR_WINDOW_QUERY}`)).toBe(true);
    expect(isSimulatorWindow('')).toBe(false);
    expect(isSimulatorWindow('?window=main')).toBe(false);
    expect(isSimulatorWindow('?x=window=simulator')).toBe(false);
  });

  it("keeps the simulator window's URL the app's own page (IPC and navigation trust it)", () => {
    const pages = {
      rendererIndexFile: '/opt/Linewatch/out/renderer/index.html',
      devServerUrl: undefined,
    };
    const url = `file:///opt/Linewatch/out/renderer/index.html?${SIMULATOR_WINDOW_QUERY}#/simulator`;
    expect(isAppPage(url, pages)).toBe(true);
  });
});

describe('simulator options', () => {
  const fields = { lines: '2', machinesPerLine: '3', rate: '2.5', seed: '42', scenarios: [] };

  it('finds nothing wrong with good options, which the contract accepts as well', () => {
    expect(optionProblems(fields)).toEqual({});
    const parsed = SimulatorOptions.parse({ lines: 2, machinesPerLine: 3, rate: 2.5, seed: 42 });
    expect(parsed.scenarios).toEqual([]);
  });

  it('names each bad field the way the backend would refuse it', () => {
    const problems = optionProblems({
      ...fields,
      lines: '0',
      machinesPerLine: '2.5',
      rate: '',
      seed: 'abc',
    });
    expect(problems).toEqual({
      lines: 'Enter 1 to 20.',
      machinesPerLine: 'Enter a whole number.',
      rate: 'Enter a number.',
      seed: 'Enter a number.',
    });
    expect(
      SimulatorOptions.safeParse({ lines: 0, machinesPerLine: 3, rate: 1, seed: 1 }).success,
    ).toBe(false);
    expect(optionProblems({ ...fields, machinesPerLine: '51' }).machinesPerLine).toBe(
      'Enter 1 to 50.',
    );
    expect(optionProblems({ ...fields, lines: '21' }).lines).toBe('Enter 1 to 20.');
    expect(
      SimulatorOptions.safeParse({ lines: 21, machinesPerLine: 50, rate: 1, seed: 1 }).success,
    ).toBe(false);
  });

  it('allows a plant of 1,000 machines, 20 lines of 50 (issue 15)', () => {
    expect(optionProblems({ ...fields, lines: '20', machinesPerLine: '50' })).toEqual({});
    expect(
      SimulatorOptions.safeParse({ lines: 20, machinesPerLine: 50, rate: 1.25, seed: 1 }).success,
    ).toBe(true);
  });
});
