// ESLint flat config: recommended TypeScript rules plus the dependency arrows of
// docs/architecture.md (protocol code never imports the server, and so on).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Areas that must not import the listed areas (see docs/architecture.md). */
const forbiddenImports = {
  kmip: ['server', 'store', 'client', 'cli', 'http', 'myproxy', 'events', 'pki', 'wbem'],
  tls: ['server', 'store', 'client', 'cli', 'http', 'myproxy', 'events', 'wbem'],
  crypto: ['server', 'store', 'client', 'cli', 'http', 'myproxy', 'events', 'wbem', 'kmip'],
  store: ['server', 'client', 'cli', 'http', 'myproxy', 'events', 'wbem'],
  pki: ['server', 'store', 'client', 'cli', 'http', 'myproxy', 'events', 'wbem'],
  client: ['server', 'store', 'cli', 'http', 'myproxy', 'events', 'wbem', 'pki'],
  wbem: ['server', 'store', 'cli', 'http', 'myproxy', 'events', 'kmip', 'pki'],
};

const nodeCryptoBan = {
  name: 'node:crypto',
  message: 'Use src/crypto, the one place that calls node:crypto.',
};

// The @noble/* libraries (ECDSA over a given digest) are crypto code too: src/crypto only.
const nobleBan = {
  group: ['@noble/*'],
  message: 'Use src/crypto, the one place that calls @noble/* (docs/crypto.md).',
};

// One rule entry per area; a later flat-config entry replaces a rule, so each area's
// entry carries the node:crypto ban as well (only src/crypto may import it).
const areaRules = Object.entries(forbiddenImports).map(([area, banned]) => ({
  files: [`src/${area}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: area === 'crypto' ? [] : [nodeCryptoBan],
        patterns: [
          ...(area === 'crypto' ? [] : [nobleBan]),
          ...banned.map((other) => ({
            group: [`**/${other}/*`, `**/${other}`],
            message: `src/${area} must not import src/${other} (docs/architecture.md).`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/kmip/generated/', 'test/fixtures/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (docs/STYLE).' },
        { selector: 'TSEnumDeclaration', message: 'Use `as const` objects, not enum.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [nodeCryptoBan], patterns: [nobleBan] }],
    },
  },
  ...areaRules,
  {
    // Tool configuration files must default-export their config.
    files: ['*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
