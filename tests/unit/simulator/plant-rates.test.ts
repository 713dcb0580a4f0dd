import { describe, expect, it } from 'vitest';
import { SimulatorRunner } from '../../../simulator/runner';
import { createModel, run } from './drive';

describe('the simulator at plant scale (issue 15: 1 result/s and telemetry every 2 s)', () => {
  it('sends telemetry on its own period and results at four fifths of the rate', () => {
    const messages = run(
      createModel({
        lines: 1,
        machinesPerLine: 2,
        messagesPerSecond: 1.25,
        telemetryEveryMs: 2_000,
      }),
      0,
      600_000,
    );
    const per = (kind: string, machineId: string) =>
      messages.filter((message) => message.kind === kind && message.machineId === machineId).length;
    for (const machineId of ['MACH-1-01', 'MACH-1-02']) {
      // 600 s: a sample every 2 s, a result about every second (the step time varies ±10 %).
      expect(per('telemetry', machineId)).toBeGreaterThanOrEqual(299);
      expect(per('telemetry', machineId)).toBeLessThanOrEqual(301);
      expect(per('test', machineId)).toBeGreaterThan(560);
      expect(per('test', machineId)).toBeLessThan(640);
    }
  });

  it('refuses a telemetry period outside 100 ms to 60 s', () => {
    expect(() => createModel({ telemetryEveryMs: 50 })).toThrow(/telemetry period/);
    expect(() => createModel({ telemetryEveryMs: 120_000 })).toThrow(/telemetry period/);
  });

  it('stamps messages with the wall clock however long opening 1,000 connections takes', async () => {
    // Nothing listens on port 1: the links keep trying, which is all this needs.
    const runner = new SimulatorRunner({
      brokerUrl: 'mqtt://127.0.0.1:1',
      reconnectPeriodMs: 60_000,
      tickMs: 10,
      statsEveryMs: 300,
      model: { seed: 1, lines: 20, machinesPerLine: 50, messagesPerSecond: 1.25, runId: 'clock' },
    });
    try {
      runner.start();
      // The model's clock at its last step (every 10 ms) against the wall clock.
      const lagMs = await new Promise<number>((resolve) =>
        runner.once('stats', (stats) => resolve(Date.now() - stats.virtualNowMs)),
      );
      // Opening the connections takes 0.3 to 1.5 s here, which the clock had lost.
      expect(Math.abs(lagMs)).toBeLessThan(200);
    } finally {
      await runner.stop();
    }
  });
});
