// jest globalSetup: a real PostgreSQL for *.int.test.ts, unless DATABASE_URL already names one.
// Projects without integration tests (or runs that exclude them) start nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { startServer } = require('./pg-server.cjs');

function hasIntegrationTests(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? hasIntegrationTests(full) : entry.name.endsWith('.int.test.ts')) return true;
  }
  return false;
}

function runExcludesIntegration(globalConfig) {
  const ignore = (globalConfig.testPathIgnorePatterns || []).join(' ');
  const only = (globalConfig.testPathPatterns && globalConfig.testPathPatterns.patterns) || [];
  return ignore.includes('int.test') || (only.length > 0 && !only.some((p) => String(p).includes('int')));
}

module.exports = async function globalSetup(globalConfig, projectConfig) {
  if (process.env.DATABASE_URL) return;
  if (!hasIntegrationTests(projectConfig.rootDir) || runExcludesIntegration(globalConfig)) return;
  const server = await startServer();
  process.env.DATABASE_URL = server.url;
  globalThis.__ONEXGEN_TEST_PG__ = server;
};
