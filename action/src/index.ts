import { main } from "./main.js";

// The bundle's entry: the runner starts it with the inputs as INPUT_* variables.
try {
  process.exitCode = await main(process.env);
} catch (error) {
  process.stdout.write(
    `::error::shiplane action: internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`,
  );
  process.exitCode = 1;
}
