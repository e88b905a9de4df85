import type { PullRequestSnapshot, RepositoryRef } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import { pullRequestSnapshotOf, type PullRequestParts } from "../map/pull-request.js";
import { needsVariables, type FetchNeeds } from "../needs.js";
import type { Transport } from "../transport.js";
import {
  nodesOf,
  type Connection,
  type WireCheckContext,
  type WireFile,
  type WireLabelEvent,
  type WirePullRequest,
  type WireReview,
} from "../wire.js";

export interface PullRequestLocator {
  owner: string;
  repo: string;
  number: number;
}

interface SnapshotData {
  repository: { defaultBranchRef: { name: string } | null; pullRequest: WirePullRequest | null } | null;
}

interface PagesData {
  repository: {
    pullRequest: {
      files?: Connection<WireFile> | null;
      reviews?: Connection<WireReview> | null;
      statusCheckRollup?: { contexts: Connection<WireCheckContext> } | null;
      timelineItems?: Connection<WireLabelEvent>;
    } | null;
  } | null;
}

/** GitHub lists at most 3,000 files of a PR; 40 pages is more than enough of everything. */
const MAX_PAGES = 40;

type ListName = "files" | "reviews" | "checks" | "labelEvents";

/** Where a PR's lists stand after the first request: what was read, and the cursor of what was not. */
export class PullRequestGathering {
  readonly parts: PullRequestParts;
  readonly cursors = new Map<ListName, string>();

  constructor(pr: WirePullRequest, needs: FetchNeeds) {
    const checks = pr.statusCheckRollup?.contexts ?? null;
    this.parts = {
      pr,
      files: nodesOf(pr.files),
      filesComplete: pr.files !== null || pr.changedFiles === 0,
      reviews: nodesOf(pr.reviews),
      reviewsComplete: pr.reviews !== null,
      checks: nodesOf(checks),
      checksComplete: true,
      deploymentsFetched: needs.deployments,
    };
    if (needs.labelEvents && pr.timelineItems) {
      this.parts.labelEvents = nodesOf(pr.timelineItems);
      this.parts.labelEventsComplete = true;
    }
    this.follow("files", pr.files);
    this.follow("reviews", pr.reviews);
    this.follow("checks", checks);
    if (needs.labelEvents) this.follow("labelEvents", pr.timelineItems ?? null);
  }

  get complete(): boolean {
    return this.cursors.size === 0;
  }

  private follow(list: ListName, connection: Connection<unknown> | null | undefined): void {
    if (connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor) this.cursors.set(list, connection.pageInfo.endCursor);
    else this.cursors.delete(list);
  }

  /** Adds one page of every list that had more. */
  absorb(page: NonNullable<NonNullable<PagesData["repository"]>["pullRequest"]>): void {
    if (this.cursors.has("files")) {
      this.parts.files.push(...nodesOf(page.files));
      this.follow("files", page.files);
    }
    if (this.cursors.has("reviews")) {
      this.parts.reviews.push(...nodesOf(page.reviews));
      this.follow("reviews", page.reviews);
    }
    if (this.cursors.has("checks")) {
      const contexts = page.statusCheckRollup?.contexts;
      this.parts.checks.push(...nodesOf(contexts));
      this.follow("checks", contexts);
    }
    if (this.cursors.has("labelEvents")) {
      this.parts.labelEvents?.push(...nodesOf(page.timelineItems));
      this.follow("labelEvents", page.timelineItems);
    }
  }

  /** A page failed: what was still unread is marked incomplete, so the engine will not merge on it. */
  giveUp(): void {
    if (this.cursors.has("files")) this.parts.filesComplete = false;
    if (this.cursors.has("reviews")) this.parts.reviewsComplete = false;
    if (this.cursors.has("checks")) this.parts.checksComplete = false;
    // Events read so far are kept, marked incomplete: a removal on an unread page could be hidden.
    if (this.cursors.has("labelEvents")) this.parts.labelEventsComplete = false;
    this.cursors.clear();
  }
}

/** Reads the remaining pages of a PR's lists, all lists in each request; only needed beyond 100 of something. */
export async function completePullRequest(transport: Transport, where: PullRequestLocator, gathering: PullRequestGathering): Promise<void> {
  for (let page = 0; !gathering.complete; page += 1) {
    if (page >= MAX_PAGES) {
      gathering.giveUp();
      return;
    }
    const c = gathering.cursors;
    try {
      const data = await transport.call<PagesData>("PullRequestPages", {
        owner: where.owner,
        name: where.repo,
        number: where.number,
        files: c.has("files"),
        filesAfter: c.get("files") ?? null,
        reviews: c.has("reviews"),
        reviewsAfter: c.get("reviews") ?? null,
        checks: c.has("checks"),
        checksAfter: c.get("checks") ?? null,
        labelEvents: c.has("labelEvents"),
        labelEventsAfter: c.get("labelEvents") ?? null,
      });
      const pr = data.repository?.pullRequest;
      if (!pr) throw new Error("the pull request disappeared between pages");
      gathering.absorb(pr);
    } catch {
      gathering.giveUp();
      return;
    }
  }
}

/** One request for a PR of up to 100 files, checks, reviews and label events; more only beyond. */
export async function fetchPullRequest(
  transport: Transport,
  where: PullRequestLocator,
  needs: FetchNeeds,
  fetchedAt: () => string,
): Promise<PullRequestSnapshot> {
  // The snapshot's time is when reading began: a decision resting on it may loosen only a status posted before that.
  const startedAt = fetchedAt();
  const data = await transport.call<SnapshotData>("PullRequestSnapshot", {
    owner: where.owner,
    name: where.repo,
    number: where.number,
    ...needsVariables(needs),
  });
  const pr = data.repository?.pullRequest;
  if (!data.repository || !pr) {
    throw new GitHubError(`GitHub PullRequestSnapshot: not found: pull request ${where.owner}/${where.repo}#${where.number}`, {
      code: "not-found",
      operation: "PullRequestSnapshot",
    });
  }
  const gathering = new PullRequestGathering(pr, needs);
  await completePullRequest(transport, where, gathering);
  const repository: RepositoryRef = { owner: where.owner, name: where.repo, default_branch: data.repository.defaultBranchRef?.name ?? "" };
  return pullRequestSnapshotOf(repository, gathering.parts, startedAt);
}
