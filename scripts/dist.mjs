// `npm run dist`: builds the installers with electron-builder (extra arguments pass through,
// e.g. `npm run dist -- --linux AppImage`).
import { electronBinary, runBin } from './electron-runtime.mjs';

if (!electronBinary()) {
  console.error(
    'Linewatch: cannot build installers here. electron-builder downloads Electron and the ' +
      'packaging toolchains from the internet, and this machine has no Electron runtime ' +
      '(no internet at install?). Run `npm run dist` on a machine with internet access.',
  );
  process.exit(1);
}

const built = await runBin('electron-vite', ['build']);
if (built !== 0) process.exit(built);
process.exit(
  await runBin('electron-builder', ['--config', 'electron-builder.yml', ...process.argv.slice(2)]),
);
