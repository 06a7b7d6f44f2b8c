// Public entry of @onexgen/metrics. Filled by its issue; nothing here pretends to work yet.
export const PACKAGE_NAME = '@onexgen/metrics';
