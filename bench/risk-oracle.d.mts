export type RiskClass = "auth" | "migration" | "infra" | "protocol";
export function riskOf(path: string): RiskClass[];
export function riskOfChange(paths: readonly string[]): RiskClass[];
