export { createBerlinGroupSandbox, type BerlinGroupSandbox, type BerlinGroupSandboxOptions } from './app';
