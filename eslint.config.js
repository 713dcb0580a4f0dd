// ESLint flat config. Beyond the recommended rules it enforces the architecture: which layer
// may import what. A layering violation is an error, so `npm run lint` (and CI) fails on it.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A bare specifier naming one of these packages or a path inside it; never a relative path. */
const bare = (...names) => `^(${names.map(escape).join('|')})(/.*)?$`;
const NODE_BUILTINS = `^node:|${bare(...builtinModules.filter((name) => !name.startsWith('node:')))}`;

/** Bare-module bans, for core no-restricted-imports (relative imports: see layersRule). */
const bans = {
  electron: { regex: bare('electron'), message: 'Only src/main and src/preload may use Electron.' },
  node: {
    regex: NODE_BUILTINS,
    message: 'This layer also runs in the browser: no Node built-ins.',
  },
  react: { regex: bare('react', 'react-dom'), message: 'React belongs to src/renderer.' },
  sqlite: {
    regex: bare('better-sqlite3'),
    message: 'The database belongs to the store process (src/backend/store).',
  },
  // Preload is sandboxed: it can require nothing but electron, so any other package is a bug.
  notElectron: {
    regex: '^(?!electron$)[^./]',
    message: 'A sandboxed preload may import only electron and src/shared.',
  },
};

/**
 * Relative imports are checked by where they land, not by how the string looks: '../main'
 * means src/main from src/shared but src/renderer/src/main from src/renderer/src/pages.
 * Options: `deny` (folders the file may not import from) or `allow` (the only folders it may).
 */
const layersRule = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: {
          deny: { type: 'array', items: { type: 'string' } },
          allow: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "{{from}} may not import from {{to}} ('{{source}}')." },
  },
  create(context) {
    const { deny = [], allow } = context.options[0] ?? {};
    const within = (path, folder) => path === folder || path.startsWith(`${folder}/`);
    const from = relative(context.cwd, context.filename).split('\\').join('/');
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(context.cwd, resolve(dirname(context.filename), source))
        .split('\\')
        .join('/');
      const refused = allow
        ? !allow.some((folder) => within(target, folder))
        : deny.find((folder) => within(target, folder));
      if (refused)
        context.report({ node, messageId: 'forbidden', data: { from, to: target, source } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

const linewatchPlugin = { rules: { layers: layersRule } };

const layer = (files, patterns, layers) => ({
  files,
  plugins: { linewatch: linewatchPlugin },
  rules: {
    'no-restricted-imports': patterns.length > 0 ? ['error', { patterns }] : 'off',
    'linewatch/layers': ['error', layers],
  },
});

const TS = '**/*.{ts,tsx,mts,cts}';
const ONE_CLOCK =
  'Read time from the injected clock (a `now` parameter; systemClock in src/shared/clock.ts at a composition root), or performance.now() for an elapsed time.';

export default defineConfig(
  { ignores: ['out/', 'dist/', 'node_modules/', 'artifacts/', 'test-results/', '.vite/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { ecmaVersion: 2023, sourceType: 'module' } },
  // A few type-aware rules: the ones that catch real bugs (forgotten awaits), not style.
  {
    files: [TS],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Node-side code: scripts, configs, backend, console, simulator, tests, main.
  {
    files: [
      '**/*.{js,mjs,cjs}',
      'src/{backend,console,main,preload}/**',
      'simulator/**',
      'tests/**',
      'bench/**',
      '*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**', 'tests/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },

  // ---- Layering ------------------------------------------------------------------------------
  layer(['src/shared/**'], [bans.node, bans.electron, bans.react, bans.sqlite], {
    deny: ['src/backend', 'src/console', 'src/main', 'src/preload', 'src/renderer', 'simulator'],
  }),
  layer(
    ['src/backend/**', 'src/console/**', 'simulator/**', 'scripts/**', 'bench/**'],
    [bans.electron],
    {
      deny: ['src/renderer', 'src/main', 'src/preload'],
    },
  ),
  // Tests may also reach the renderer's pure libraries (src/renderer/src/lib), to unit-test
  // them under Node; never its pages, state, hooks or transports, except from tests/renderer.
  layer(['tests/**'], [bans.electron], {
    deny: [
      'src/main',
      'src/preload',
      'src/renderer/src/api',
      'src/renderer/src/components',
      'src/renderer/src/hooks',
      'src/renderer/src/pages',
      'src/renderer/src/state',
    ],
  }),
  layer(['src/renderer/**'], [bans.electron, bans.node, bans.sqlite], {
    deny: ['src/backend', 'src/console', 'src/main', 'src/preload', 'simulator'],
  }),
  // Renderer tests (jsdom) render the renderer's components and hooks; like the renderer they
  // stay off the backend and the Electron shell.
  layer(['tests/renderer/**'], [bans.electron, bans.sqlite], {
    deny: ['src/backend', 'src/console', 'src/main', 'src/preload', 'simulator'],
  }),
  layer(['src/preload/**'], [bans.notElectron], { allow: ['src/shared', 'src/preload'] }),
  layer(['src/main/**'], [], { deny: ['src/renderer', 'src/preload', 'simulator'] }),

  // ---- One clock (architecture rule 7) -------------------------------------------------------
  // Domain code is handed its clock, so tests set "now" and the suite passes on any date
  // (faketime). The wall clock is read in src/shared/clock.ts alone; elapsed times read the
  // monotonic performance.now().
  {
    files: ['src/backend/**', 'src/shared/**', 'src/console/**', 'simulator/model/**'],
    ignores: ['src/shared/clock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: ONE_CLOCK },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: ONE_CLOCK },
      ],
    },
  },
);
