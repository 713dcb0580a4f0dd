// `npm start`: builds when needed, then opens the desktop app, or explains why it cannot.
import { electronSqliteBinding } from './electron-native.mjs';
import { buildIsStale, electronBinary, projectRoot, run, runBin } from './electron-runtime.mjs';

const CONSOLE_HINT =
  'Open console mode instead: npm run console  — then browse http://127.0.0.1:8080';

const binary = electronBinary();
if (!binary) {
  console.error(
    `Linewatch: the Electron runtime is not installed on this machine (no internet at install?). ${CONSOLE_HINT}`,
  );
  process.exit(1);
}

if (buildIsStale()) {
  const code = await runBin('electron-vite', ['build']);
  if (code !== 0) process.exit(code);
}

let binding;
try {
  binding = await electronSqliteBinding();
} catch (error) {
  console.error(`Linewatch: ${error.message}. ${CONSOLE_HINT}`);
  process.exit(1);
}

// package.json "main" points at out/main/index.js, so `electron <root>` starts the built app.
const env = { ...process.env, LINEWATCH_SQLITE_BINDING: binding };
process.exit(await run(binary, [projectRoot], { env }));
