package org.s3directupload.devstore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A Payara Micro process running one WAR, its console kept for the caller to read. */
public final class PayaraMicro implements AutoCloseable {

  /** The line Payara Micro prints once it has started, whether the deployment worked or not. */
  public static final Pattern READY = Pattern.compile("Payara Micro .* ready in");

  /**
   * How long a start may take before the caller gives up. It is generous because a start takes 10 s
   * on an idle machine and has taken over a minute on a busy CI machine; waiting returns as soon as
   * the server is ready.
   */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(8);

  /**
   * JVM options for a short-lived server: the client compiler only and the serial collector. They
   * cut a start by about a quarter on a two-core machine; nothing here runs long enough for the
   * optimising compiler to pay off.
   */
  public static final List<String> QUICK_START_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Process process;
  private final StringBuffer console = new StringBuffer();

  private PayaraMicro(Process process, PrintStream echo) {
    this.process = process;
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  console.append(line).append('\n');
                  if (echo != null) {
                    echo.println(line);
                  }
                }
              } catch (IOException e) {
                console.append("[console closed: ").append(e.getMessage()).append("]\n");
              }
            },
            "payara-micro-console");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts Payara Micro with the WAR at {@code contextRoot} on {@code port}.
   *
   * @param environment added to this process's environment (the application reads {@code UPLOAD_*}
   *     from it)
   * @param echo where to copy the console, or null
   */
  public static PayaraMicro start(
      Path microJar,
      Path war,
      int port,
      String contextRoot,
      Map<String, String> environment,
      PrintStream echo)
      throws IOException {
    return start(microJar, war, port, contextRoot, environment, echo, List.of());
  }

  /**
   * As above, with more Payara Micro options, such as {@code --postbootcommandfile}.
   *
   * @param options added to the command line
   */
  public static PayaraMicro start(
      Path microJar,
      Path war,
      int port,
      String contextRoot,
      Map<String, String> environment,
      PrintStream echo,
      List<String> options)
      throws IOException {
    return start(
        microJar, war, port, contextRoot, environment, echo, options, QUICK_START_JVM_OPTIONS);
  }

  /**
   * As above, with the server JVM's options instead of {@link #QUICK_START_JVM_OPTIONS}: a
   * benchmark wants the optimising compiler and the default collector.
   *
   * @param jvmOptions options of the server's JVM, before {@code -jar}
   */
  public static PayaraMicro start(
      Path microJar,
      Path war,
      int port,
      String contextRoot,
      Map<String, String> environment,
      PrintStream echo,
      List<String> options,
      List<String> jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(microJar.toString());
    command.addAll(
        List.of(
            "--nocluster",
            "--port",
            Integer.toString(port),
            "--contextroot",
            contextRoot,
            "--deploy",
            war.toString()));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new PayaraMicro(builder.start(), echo);
  }

  /** Waits until the console matches {@code pattern}; false on timeout or when the process ends. */
  public boolean awaitConsole(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (pattern.matcher(console).find()) {
        return true;
      }
      if (!process.isAlive()) {
        Thread.sleep(200); // let the pump read the last lines
        return pattern.matcher(console).find();
      }
      Thread.sleep(100);
    }
    return false;
  }

  public String console() {
    return console.toString();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** How much time has passed, for messages. */
  static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }
}
