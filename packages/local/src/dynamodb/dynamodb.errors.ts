/** Base class of every error raised while running DynamoDB Local. */
export class DynamoLocalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Java 17+ is not installed or not on PATH, so DynamoDB Local (a Java program) cannot start. */
export class JavaMissingError extends DynamoLocalError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      `DynamoDB Local needs Java 17 or newer (${detail}). ` +
        "Install it, e.g. on Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless` " +
        "(macOS: `brew install openjdk@17`), and make sure `java -version` works in this shell.",
      options,
    );
  }
}

/** DynamoDB Local exited or did not answer ListTables in time. */
export class DynamoLocalStartError extends DynamoLocalError {}
