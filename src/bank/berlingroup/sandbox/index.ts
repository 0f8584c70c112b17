export { createBerlinGroupSandbox, type BerlinGroupSandbox, type BerlinGroupSandboxOptions } from './app';
export { BASE_PATH, SPEC_FILE } from './spec';
