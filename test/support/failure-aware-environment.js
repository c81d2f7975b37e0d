const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's node environment, telling each test's afterEach hooks whether the
 * test failed (global `__currentTestFailed`), so browser tests can keep a
 * screenshot and the page's HTML of a failure.
 */
class FailureAwareEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === 'test_start') this.global.__currentTestFailed = false;
    if (event.name === 'test_fn_failure') this.global.__currentTestFailed = true;
  }
}

module.exports = FailureAwareEnvironment;
