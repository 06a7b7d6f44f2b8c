// Public entry of @onexgen/llm-effect. Filled by its issue; nothing here pretends to work yet.
export const PACKAGE_NAME = '@onexgen/llm-effect';
