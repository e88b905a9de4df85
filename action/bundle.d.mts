/** Every file of action/dist/ as the sources say it should be, by path relative to the repository root. */
export function bundleFiles(): Promise<{ files: Map<string, Buffer>; inputs: number }>;
/** Paths whose committed content differs from a fresh bundle, plus stray files in action/dist/. */
export function staleFiles(): Promise<string[]>;
