// The e2e suites' environment: it marks the run as failed the moment a test or hook fails, so
// the phones and the server can print what they saw (CI keeps nothing but the output).
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

export default class E2eEnvironment extends NodeEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global.__mulinTestFailed = true;
  }
}
