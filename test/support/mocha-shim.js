// ask-sdk-test imports `it`/`describe` from mocha; under jest these are jest's globals.
module.exports = {
  it: (...args) => global.it(...args),
  describe: (...args) => global.describe(...args),
  before: (...args) => global.beforeAll(...args),
  after: (...args) => global.afterAll(...args),
  beforeEach: (...args) => global.beforeEach(...args),
  afterEach: (...args) => global.afterEach(...args),
};
