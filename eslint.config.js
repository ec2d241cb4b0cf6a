// One linter for the whole monorepo: typescript-eslint (type-aware for promise misuse) and the React
// hooks rules for the web app. Zero warnings allowed (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// ── Web app boundaries ──────────────────────────────────────────────────────────────────────────────
// src/lib/ is the floor: it imports no feature and no component. src/components/ holds what features
// share (query states, status badges) and never imports a feature; its ui/ primitives do not know the
// API client either. A feature imports only the features it is declared to build on below, by their
// `@/features/<name>` path (never `../`), so features depend one way: the map is checked for cycles,
// and a feature folder missing from it fails the lint.
const WEB_FEATURE_DEPENDENCIES = {
  auth: [],
  notifications: [],
  imports: [],
  settings: ['auth', 'notifications'],
  teams: ['auth', 'admin'],
  lists: ['auth', 'teams'],
  calls: ['imports', 'settings', 'lists'],
  reminders: ['calls', 'settings'],
  today: ['calls', 'settings'],
  'call-session': ['auth', 'calls', 'reminders', 'settings'],
  dashboard: ['auth', 'today'],
  admin: ['auth'],
  'team-report': ['auth', 'dashboard'],
  shell: ['auth', 'notifications', 'teams'],
};

function checkWebFeatureMap() {
  const folders = readdirSync(join(import.meta.dirname, 'apps/web/src/features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const undeclared = folders.filter((name) => !(name in WEB_FEATURE_DEPENDENCIES));
  if (undeclared.length)
    throw new Error(`eslint.config.js: declare what apps/web features ${undeclared.join(', ')} build on`);
  const visit = (name, path) => {
    if (path.includes(name))
      throw new Error(`eslint.config.js: web features depend in a circle: ${[...path, name].join(' → ')}`);
    for (const dependency of WEB_FEATURE_DEPENDENCIES[name] ?? []) visit(dependency, [...path, name]);
  };
  for (const name of Object.keys(WEB_FEATURE_DEPENDENCIES)) visit(name, []);
}
checkWebFeatureMap();

const featureImports = (names) => names.flatMap((name) => [`@/features/${name}`, `@/features/${name}/**`]);
const noFeatures = {
  group: ['@/features', '@/features/**', '**/features/**'],
  message: 'lib/ and components/ are below the features: move the shared piece down instead.',
};
// Every web file: the API is reached over HTTP. (Each block below repeats it, since a later block's
// no-restricted-imports replaces an earlier one's for the same files.)
const noServer = {
  group: ['@ct/db', '@ct/db/**', '@ct/api', '@ct/api/**', '**/apps/api/**', '**/packages/db/**'],
  message: 'The web app reaches the API over HTTP only; it never imports the API or the database.',
};

const webBoundaries = [
  {
    files: ['apps/web/**/*.{ts,tsx,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer] }] },
  },
  {
    files: ['apps/web/src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noServer,
            noFeatures,
            {
              group: ['@/components', '@/components/**'],
              message: 'lib/ is the floor: components build on it, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/components/**/*.{ts,tsx}'],
    ignores: ['apps/web/src/components/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer, noFeatures] }] },
  },
  {
    files: ['apps/web/src/components/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noServer,
            noFeatures,
            {
              group: ['@/lib/api', '@/lib/api/**'],
              message: 'ui primitives take data as props; the API client is for features.',
            },
          ],
        },
      ],
    },
  },
  ...Object.entries(WEB_FEATURE_DEPENDENCIES).map(([name, allowed]) => ({
    files: [`apps/web/src/features/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noServer,
            {
              group: featureImports(
                Object.keys(WEB_FEATURE_DEPENDENCIES).filter((other) => other !== name && !allowed.includes(other)),
              ),
              message: `features/${name} builds on ${allowed.length ? allowed.join(', ') : 'no other feature'} (eslint.config.js › WEB_FEATURE_DEPENDENCIES).`,
            },
            { group: ['../*'], message: 'Another feature is imported by its @/features/<name> path.' },
          ],
        },
      ],
    },
  })),
];

// ── API boundaries ──────────────────────────────────────────────────────────────────────────────────
// apps/api/src/lib/ is the floor: it imports no module, plugin or job. Each folder of src/modules/ is a
// module whose public file is its index.ts: other modules, plugins, jobs and the composition root import
// that file only, never a module's repository or service directly. Modules depend one way: the import
// map of src/modules is read here and a circle between modules fails the lint.
const API_SRC = join(import.meta.dirname, 'apps/api/src');

function checkApiModuleCycles() {
  const modulesDir = join(API_SRC, 'modules');
  const modules = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const dependencies = new Map(modules.map((name) => [name, new Set()]));
  for (const name of modules) {
    const files = readdirSync(join(modulesDir, name), { recursive: true }).filter((file) => /\.tsx?$/.test(file));
    for (const file of files) {
      const source = readFileSync(join(modulesDir, name, file), 'utf8');
      for (const [, other] of source.matchAll(/from '(?:\.\.\/)+(?:modules\/)?([\w-]+)\//g))
        if (other !== name && dependencies.has(other)) dependencies.get(name).add(other);
    }
  }
  const visit = (name, path) => {
    if (path.includes(name))
      throw new Error(`eslint.config.js: API modules depend in a circle: ${[...path.slice(path.indexOf(name)), name].join(' → ')}`);
    for (const dependency of dependencies.get(name) ?? []) visit(dependency, [...path, name]);
  };
  for (const name of modules) visit(name, []);
}
checkApiModuleCycles();

const moduleInternals = (group) => ({
  group,
  message: 'Import another module through its public file (modules/<name>/index.ts), never its inner files.',
});

const apiBoundaries = [
  {
    files: ['apps/api/src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/plugins/**', '**/jobs/**', '**/app.ts'],
              message: 'lib/ is the floor of the API: modules, plugins and jobs build on it, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/modules/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [moduleInternals(['../*/*', '!../*/index.ts', '!../../**'])] },
      ],
    },
  },
  {
    files: ['apps/api/src/*.ts', 'apps/api/src/{jobs,plugins,cli}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [moduleInternals(['**/modules/*/*', '!**/modules/*/index.ts'])] },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'apps/web/src/lib/api/schema.d.ts',
      'apps/web/next-env.d.ts',
      'packages/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...webBoundaries,
  ...apiBoundaries,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
