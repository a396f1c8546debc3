'use strict';
// Jest global set-up of the int and e2e projects: makes sure PostgreSQL, Redis and Kafka
// run (reusing what already runs, so it is fast), and hands their endpoints to the test
// workers through the environment. Nothing is stopped in a teardown: `npm test` (the
// tools/infra CLI) stops only what its own run started.
require('../../../../tools/runtime/register.cjs');

module.exports = async function globalSetup() {
  const { InfraError, ensureInfrastructure, infrastructureEnv } = require('@cuakhau/local-infra');
  const began = Date.now();
  try {
    const endpoints = await ensureInfrastructure({
      log: (line) => process.stderr.write(`[infra] ${line}\n`),
    });
    Object.assign(process.env, infrastructureEnv(endpoints));
    if (endpoints.startedKafka || endpoints.startedPostgres || endpoints.startedRedis) {
      process.stderr.write(`[infra] ready in ${Date.now() - began} ms (npm stop stops it)\n`);
    }
  } catch (error) {
    if (error instanceof InfraError) {
      // One line, no stack trace: what is missing and how to get it.
      const failure = new Error(error.message);
      failure.stack = `InfraError: ${error.message}`;
      throw failure;
    }
    throw error;
  }
};
