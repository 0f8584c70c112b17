export { createOpenBankingSandbox, type OpenBankingSandbox, type OpenBankingSandboxOptions } from './app';
export { FaultPlan } from './faults';
export { BASE_PATHS, SPEC_FILES } from './spec';
