import { USAGE, readCliOptions } from './cli-options';
import { SimulatorRunner } from './runner';
import { formatStats } from './runner-stats';
import { SparkplugRunner } from './sparkplug-runner';

const SUMMARY_EVERY_MS = 5000;

async function main(): Promise<number> {
  let options: ReturnType<typeof readCliOptions>;
  try {
    options = readCliOptions(process.argv.slice(2), Date.now());
  } catch (error) {
    console.error(
      `simulate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  if (options.sparkplug) return runSparkplug(options);
  const runner = new SimulatorRunner(options.runner);
  const { model } = options.runner;
  console.log(
    `simulating ${model.lines} line(s) x ${model.machinesPerLine} machine(s) at ~${model.messagesPerSecond} msg/s each, ` +
      `seed ${model.seed}, scenarios [${model.scenarios?.join(', ') ?? ''}], run ${model.runId}, broker ${options.runner.brokerUrl}`,
  );
  const startedAt = Date.now();
  const printSummary = (): void => console.log(formatStats(runner.stats, Date.now() - startedAt));
  runner.on('log', (line) => console.log(`  ${line}`));
  runner.start();
  const summaryTimer = setInterval(printSummary, SUMMARY_EVERY_MS);

  await new Promise<void>((resolve) => {
    if (options.durationMs > 0) setTimeout(resolve, options.durationMs);
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(summaryTimer);
  // A second Ctrl+C while waiting for the broker gives up at once.
  process.once('SIGINT', () => process.exit(130));
  await runner.stop();
  printSummary();
  return 0;
}

/** `--sparkplug`: the same plant as Sparkplug B edge nodes. */
async function runSparkplug(
  options: Exclude<ReturnType<typeof readCliOptions>, 'help'>,
): Promise<number> {
  const runner = new SparkplugRunner({
    brokerUrl: options.runner.brokerUrl,
    model: options.runner.model,
  });
  runner.on('log', (line) => console.log(`  ${line}`));
  console.log(`simulating the plant as Sparkplug B edge nodes on ${options.runner.brokerUrl}`);
  await runner.start();
  const summary = setInterval(
    () =>
      console.log(
        `sent ${runner.sent} data messages, ${runner.gaps} forced gap(s), ` +
          `commands obeyed ${runner.commands.obeyed} refused ${runner.commands.refused}`,
      ),
    SUMMARY_EVERY_MS,
  );
  await new Promise<void>((resolve) => {
    if (options.durationMs > 0) setTimeout(resolve, options.durationMs);
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(summary);
  await runner.stop();
  console.log(`sent ${runner.sent} data messages, ${runner.gaps} forced gap(s); edge nodes dead`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
