import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throwaway git repository for tests; commits are dated so histories are reproducible. */
export class TempRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "shiplane-git-"));
  private day = 1;

  constructor() {
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "Test Author");
    this.git("config", "user.email", "author@example.com");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    const date = new Date(Date.UTC(2026, 0, this.day, 10)).toISOString().replace(".000", "");
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  }

  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
  }

  /** Commit everything with a message; one day later than the previous commit. */
  commit(message: string, files: Record<string, string | null> = {}): string {
    this.write(files);
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    this.day++;
    return this.git("rev-parse", "HEAD").trim();
  }

  /** A PR merged with a merge commit, GitHub's way: a branch, its commits, then --no-ff. */
  mergePullRequest(number: number, title: string, commits: Array<Record<string, string | null>>): string {
    const branch = `pr-${number}`;
    this.git("checkout", "-q", "-b", branch);
    commits.forEach((files, i) => this.commit(`${title} (part ${i + 1})`, files));
    this.git("checkout", "-q", "main");
    this.git("merge", "-q", "--no-ff", branch, "-m", `Merge pull request #${number} from someone/${branch}\n\n${title}`);
    this.day++;
    return this.git("rev-parse", "HEAD").trim();
  }

  mv(from: string, to: string): void {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git("mv", from, to);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
