// drizzle-kit writes SQL into migrations/ from the schema files the packages export.
// `npm run db:generate -- --name <change>`; commit the SQL and migrations/meta together.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/metrics/src/schema/*.ts', './packages/pattern-library/src/schema/*.ts', './packages/work-queue/src/schema/*.ts', './packages/eval/src/schema/*.ts'],
  out: './migrations',
  strict: true,
  verbose: true,
});
