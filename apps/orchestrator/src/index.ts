export const PACKAGE_NAME = '@onexgen/orchestrator';
