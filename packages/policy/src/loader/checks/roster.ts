import type { AgentDefinition } from "../../policy/types.js";
import type { Check } from "./context.js";

const hasRole = (agent: AgentDefinition | undefined, role: string) => agent?.roles?.includes(role) === true;

export const rosterChecks: Check[] = [
  {
    name: "owners author, reviewers review",
    reads: ["/areas", "/agents"],
    run(ctx) {
      const agents = new Map(ctx.doc.agents.map((agent) => [agent.id, agent]));
      ctx.doc.areas.forEach((area, i) => {
        const owner = agents.get(area.owner);
        if (owner && !hasRole(owner, "author")) {
          ctx.report(
            `/areas/${i}/owner`,
            "roster/not-author",
            `area "${area.id}" is owned by "${owner.id}", which lacks the author role: work dispatched to it could never be done`,
            {
              suggestion: `add author to the roles of "${owner.id}"`,
            },
          );
        }
        (area.reviewers ?? []).forEach((id, r) => {
          const reviewer = agents.get(id);
          if (reviewer && !hasRole(reviewer, "reviewer")) {
            ctx.report(
              `/areas/${i}/reviewers/${r}`,
              "roster/not-reviewer",
              `"${id}" reviews area "${area.id}" but lacks the reviewer role`,
              { suggestion: `add reviewer to the roles of "${id}"` },
            );
          }
        });
        // Reviewers come from the area's list, then any agent with the reviewer role; never the author (usually the owner).
        const possible = [...(area.reviewers ?? []), ...ctx.doc.agents.filter((a) => hasRole(a, "reviewer")).map((a) => a.id)].filter(
          (id) => id !== area.owner && agents.has(id),
        );
        if (possible.length === 0) {
          ctx.report(
            `/areas/${i}`,
            "roster/no-reviewer",
            `area "${area.id}" has no possible reviewer other than its owner "${area.owner}": its PRs could never get an approval from a different agent`,
          );
        }
      });
    },
  },
  {
    name: "agents GitHub addresses are user accounts",
    reads: ["/agents"],
    run(ctx) {
      // GitHub requests reviews only from collaborators, which App accounts (login[bot]) never are
      // (Automattic/jetpack#37058: "Reviews may only be requested from collaborators"), nor can it assign them.
      // Shiplane addresses an agent by its first login: reviews it routes there, or work it dispatches there, would fail.
      ctx.doc.agents.forEach((agent, i) => {
        const login = agent.logins[0];
        const duties = [hasRole(agent, "reviewer") ? "request its review" : "", hasRole(agent, "author") ? "assign it work" : ""].filter(
          Boolean,
        );
        if (login === undefined || !/\[bot\]$/i.test(login) || duties.length === 0) return;
        const user = agent.logins.find((l) => !/\[bot\]$/i.test(l));
        ctx.report(
          `/agents/${i}/logins/0`,
          "roster/bot-login",
          `agent "${agent.id}" is addressed as "${login}", a GitHub App account: GitHub cannot ${duties.join(" or ")} through it`,
          {
            severity: "warning",
            suggestion: user
              ? `list "${user}" first`
              : `list a user account (a machine user) of "${agent.id}" first, or drop its ${duties.length === 2 ? "reviewer and author roles" : hasRole(agent, "reviewer") ? "reviewer role" : "author role"}`,
          },
        );
      });
    },
  },
  {
    // GITHUB-FACTS 12: a review does not say the reviewer's teams, and reading a team's members needs read:org
    // (members: read for an App), which GITHUB_TOKEN never has. Without it a team approval is unknown.
    name: "teams need a token that can read them",
    reads: ["/humans", "/lanes", "/default_lane"],
    run(ctx) {
      // Relying on teams: they are the only human approvers (listed logins do not need a membership read).
      const teams = ctx.doc.humans.teams ?? [];
      if (teams.length > 0 && (ctx.doc.humans.logins ?? []).length === 0)
        ctx.report(
          "/humans/teams",
          "roster/teams-need-token",
          `human approvals come only from members of ${teams.join(", ")}: they count only when Shiplane's token can read team membership (read:org, or members: read for an App); with GITHUB_TOKEN they are unknown, never counted`,
          { severity: "warning" },
        );
      const lanes = [...ctx.doc.lanes.map((l, i) => ({ lane: l, at: `/lanes/${i}` })), { lane: ctx.doc.default_lane, at: "/default_lane" }];
      for (const { lane, at } of lanes)
        if (lane.requires.code_owner_approvals !== undefined)
          ctx.report(
            `${at}/requires/code_owner_approvals`,
            "roster/code-owner-teams",
            `lane "${lane.id}" needs code owners' approvals: team owners in CODEOWNERS count only when Shiplane's token can read team membership (read:org); otherwise they are unknown and the PR waits for a human`,
            { severity: "warning" },
          );
    },
  },
];
