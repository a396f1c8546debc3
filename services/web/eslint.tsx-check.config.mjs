// Lints the web app's .tsx files too (the root config's type-aware block covers **/*.ts
// only): `npx eslint -c services/web/eslint.tsx-check.config.mjs services/web`.
import root from '../../eslint.config.mjs';

export default [
  ...root,
  {
    files: ['**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
];
