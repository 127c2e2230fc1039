package dev.loadbearing.suite.chaos;

import dev.loadbearing.chaos.FaultAction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fault carried out by the user's own tooling: a shell command when it begins and another when it ends (none
 * when empty), each bounded by {@code timeout} and failing on a non-zero exit code. Its output goes to the run's
 * console.
 */
final class CommandFault implements FaultAction {
  private final String begin;
  private final String end;
  private final Duration timeout;

  CommandFault(String begin, String end, Duration timeout) {
    this.begin = begin;
    this.end = end;
    this.timeout = timeout;
  }

  @Override
  public String description() {
    return "command '" + begin + "'" + (end.isEmpty() ? "" : " then '" + end + "'");
  }

  @Override
  public void begin() throws IOException, InterruptedException {
    run(begin);
  }

  @Override
  public void end() throws IOException, InterruptedException {
    if (!end.isEmpty()) {
      run(end);
    }
  }

  private void run(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of("/bin/sh", "-c", command)).inheritIO()
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException("command '" + command + "' did not finish within " + timeout.toMillis() + " ms; killed");
    }
    if (process.exitValue() != 0) {
      throw new IOException("command '" + command + "' exited with " + process.exitValue());
    }
  }
}
