export { createOpenBankingSandbox, type OpenBankingSandbox, type OpenBankingSandboxOptions } from './app';
export { FaultPlan, type FaultRule } from './faults';
export { UNSIGNED_JWS } from './pisp';
export { BASE_PATHS, SPEC_FILES } from './spec';
