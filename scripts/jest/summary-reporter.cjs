// Prints the plain closing line CI reads ("tests: N passed, N failed"), which jest's own summary is not.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suitesFailed = results.numFailedTestSuites;
    const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites || 0);
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
    if (suitesFailed > 0) process.stdout.write(`(${suitesFailed} test suite(s) failed)\n`);
  }
}
module.exports = SummaryReporter;
