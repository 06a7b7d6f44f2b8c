// Public entry of @onexgen/context-builder. Filled by its issue; nothing here pretends to work yet.
export const PACKAGE_NAME = '@onexgen/context-builder';
