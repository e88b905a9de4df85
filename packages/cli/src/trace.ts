import { escapeText, type TraceNode } from "@shiplane/policy";

export { escapeText };

const MARK: Record<TraceNode["status"], string> = { met: "✓", pending: "…", failed: "✗", unknown: "?", skipped: "-" };

/** The evaluation trace as an indented tree, one node per line. */
export function traceTree(nodes: readonly TraceNode[], depth = 0): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    lines.push(`${"  ".repeat(depth)}${MARK[node.status]} ${escapeText(`${node.code}: ${node.message}`)}`);
    if (node.children) lines.push(...traceTree(node.children, depth + 1));
  }
  return lines;
}
