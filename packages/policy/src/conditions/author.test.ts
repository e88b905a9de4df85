import { conditionCases } from "../../test/helpers/conditions.js";
import { AGENTS, HUMAN } from "../../test/helpers/pr.js";

// The safe docs PR's author is the roster agent cli-sdk-contract-keeper.
conditionCases("author", [
  { name: "is agent: a roster agent", condition: { author: { is: "agent" } }, matched: true, message: `author ${AGENTS.cli} is an agent` },
  { name: "is human: a roster agent is not", condition: { author: { is: "human" } }, matched: false },
  {
    name: "is human: a listed human",
    condition: { author: { is: "human" } },
    pr: { author: { login: HUMAN, kind: "human" } },
    matched: true,
  },
  {
    name: "is agent: an account outside the roster counts as an agent (not proven human)",
    condition: { author: { is: "agent" } },
    pr: { author: { login: "stranger", kind: "human" } },
    matched: true,
    evidence: { roster: "unknown" },
  },
  {
    name: "is bot: GitHub's account type",
    condition: { author: { is: "bot" } },
    pr: { author: { login: "dependabot[bot]", kind: "bot" } },
    matched: true,
  },
  { name: "is bot: not a bot account", condition: { author: { is: "bot" } }, matched: false },
  { name: "in: listed, case-insensitively", condition: { author: { in: ["CLI-SDK-Contract-Keeper"] } }, matched: true },
  { name: "in: not listed", condition: { author: { in: [HUMAN] } }, matched: false, message: `author ${AGENTS.cli} is not in [${HUMAN}]` },
]);
