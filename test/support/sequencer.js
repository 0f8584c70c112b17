/**
 * Jest's own order (slowest first by the durations of earlier runs, else largest file
 * first), except that the suites known to be the longest start first even on a fresh
 * clone, where there are no earlier runs: the payment campaigns are two of the smallest
 * files and would otherwise start last and leave one worker idle at the end.
 */
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST = ['test/payments/campaign.postgres.test.ts', 'test/payments/campaign.sqlite.test.ts'];

const rank = (test) => {
  const index = LONGEST.findIndex((suffix) => test.path.endsWith(suffix));
  return index === -1 ? LONGEST.length : index;
};

class LongestFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
