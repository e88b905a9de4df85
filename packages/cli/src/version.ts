/** Kept equal to package.json's version by a test. */
export const VERSION = "0.1.0";

/** Where the project lives: SARIF's informationUri and help links. */
export const PROJECT_URL = "https://github.com/shiplane/shiplane";
