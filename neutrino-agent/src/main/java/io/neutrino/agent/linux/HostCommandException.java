package io.neutrino.agent.linux;

/** A host command that failed: the message names the command, its exit code and its stderr. */
public final class HostCommandException extends RuntimeException {
  private final HostExecutor.Result result;

  public HostCommandException(HostExecutor.Result result) {
    super("Exit code " + result.exitCode() + " from " + String.join(" ", result.command()) + ": "
        + result.stderr().strip());
    this.result = result;
  }

  public HostExecutor.Result result() {
    return result;
  }
}
