// Node runs WebAssembly, but the workspace's lib (ES2022, no DOM) declares none of it: the part
// pglite-thread-client.ts uses (compile PostgreSQL's module once, hand it to each database thread).
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an opaque compiled module
  interface Module {}
  function compile(bytes: Uint8Array): Promise<Module>;
  const Module: { prototype: Module; new (bytes: Uint8Array): Module };
}
