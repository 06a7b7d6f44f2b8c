export const PACKAGE_NAME = '@onexgen/llm-sim';
