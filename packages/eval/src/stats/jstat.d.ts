// The two jStat functions this package calls (jstat ships no type declarations; it is CommonJS,
// so ESM sees module.exports as the default export).
declare module 'jstat' {
  const jstat: {
    jStat: {
      normal: { inv(p: number, mean: number, std: number): number };
      hypgeom: { pdf(k: number, N: number, m: number, n: number): number };
    };
  };
  export default jstat;
}
