'use strict';
module.exports = async function globalTeardown() {
  const server = globalThis.__ONEXGEN_TEST_PG__;
  if (server) {
    server.stop();
    delete process.env.DATABASE_URL;
    globalThis.__ONEXGEN_TEST_PG__ = undefined;
  }
};
