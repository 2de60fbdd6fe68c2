package io.neutrino.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with the real thing: Python's oslo.messaging (Debian's
 * python3-oslo.messaging, Zed) calls a Java {@link RpcServer}, and a Java {@link RpcClient} calls
 * a Python RPC server, over the machine's RabbitMQ. Skipped, by name, where python3 cannot import
 * oslo_messaging.
 */
class OsloInteropTest {
  private static String python;

  private final String exchange = "neutrino_test_" + Wire.hexId().substring(0, 12);
  private final String topic = "i-" + Wire.hexId().substring(0, 12);
  private final List<Process> processes = new ArrayList<>();
  private Messaging messaging;

  @BeforeAll
  static void findOslo() throws Exception {
    // Debian's package is for the system interpreter; a python3 first on PATH may be another one.
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import oslo_messaging").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          python = candidate;
          return;
        }
      } catch (java.io.IOException notThere) {
        // try the next one
      }
    }
    Assumptions.abort("python3 cannot import oslo_messaging (apt-get install python3-oslo.messaging): "
        + "oslo.messaging interop not checked");
  }

  @BeforeEach
  void setUp() {
    messaging = RabbitFixture.open(exchange);
  }

  @AfterEach
  void tearDown() {
    processes.forEach(Process::destroyForcibly);
    messaging.close();
    RabbitFixture.delete(List.of(topic, topic + ".java1", topic + ".py1", topic + ".info"),
        List.of(exchange, topic + "_fanout"));
  }

  private Process peer(String mode, String server) throws Exception {
    Path script = Files.createTempFile("oslo_peer", ".py");
    try (var in = getClass().getResourceAsStream("/interop/oslo_peer.py")) {
      Files.write(script, in.readAllBytes());
    }
    script.toFile().deleteOnExit();
    Process p = new ProcessBuilder(python, script.toString(), mode, RabbitFixture.URL, exchange, topic, server)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    processes.add(p);
    return p;
  }

  @Test
  void pythonClientCallsJavaServer() throws Exception {
    BlockingQueue<Object> recorded = new LinkedBlockingQueue<>();
    BlockingQueue<Notification> notes = new LinkedBlockingQueue<>();
    messaging.rpcServer(Target.topic(topic).withServer("java1"), List.of(Endpoint.of("1.5", Map.of(
        "echo", (ctx, args) -> Map.of("user_id", ctx.get("user_id"), "args", args),
        "whoami", (ctx, args) -> "java1",
        "fail", (ctx, args) -> {
          throw new IllegalStateException("java says: " + args.get("why"));
        },
        "builtin_error", (ctx, args) -> {
          throw RemoteError.of("builtins", "ValueError", "bad value", Map.of());
        },
        "record", (ctx, args) -> recorded.add(args.get("n")))))).start();
    messaging.notificationListener(List.of(topic), Set.of(Priority.INFO), null, notes::add);

    Process p = peer("client", "java1");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python client output: " + out).isZero();
    Map<String, Object> r = Wire.JSON.readValue(out, new TypeReference<Map<String, Object>>() {
    });
    assertThat(r.get("echo")).isEqualTo(Map.of("user_id", "py-user",
        "args", Map.of("a", 1, "b", java.util.Arrays.asList("x", null, 2.5))));
    assertThat(r.get("server")).isEqualTo("java1");
    assertThat(r.get("fail")).isEqualTo(List.of("IllegalStateException", "java says: disk"));
    assertThat(r.get("version")).isEqualTo(List.of("UnsupportedVersion",
        "Endpoint does not support RPC version 1.9. Attempted method: echo"));
    assertThat(r.get("missing")).isEqualTo(List.of("NoSuchMethod", "Endpoint does not support RPC method missing"));
    assertThat(r.get("builtin")).isEqualTo(List.of("ValueError", "bad value"));
    assertThat(List.of(recorded.poll(10, TimeUnit.SECONDS), recorded.poll(10, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder(7, 8);
    Notification n = notes.poll(10, TimeUnit.SECONDS);
    assertThat(n).isNotNull();
    assertThat(n.eventType()).isEqualTo("py.event");
    assertThat(n.publisherId()).isEqualTo("py.host");
    assertThat(n.priority()).isEqualTo(Priority.INFO);
    assertThat(n.payload()).isEqualTo(Map.of("k", "v"));
    assertThat(n.context()).containsEntry("user_id", "py-user");
  }

  @Test
  void javaClientCallsPythonServer() throws Exception {
    Process p = peer("server", "py1");
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("READY");
    try {
      RpcClient rpc = messaging.rpcClient(Target.topic(topic).withVersion("1.3"));
      Map<String, Object> ctx = Map.of("user_id", "java-user", "project_id", "p1", "roles", List.of("admin"));
      assertThat(rpc.call(ctx, "echo", Map.of("port", Map.of("id", "p1"), "n", 3)))
          .isEqualTo(Map.of("user_id", "java-user", "args", Map.of("port", Map.of("id", "p1"), "n", 3)));
      assertThat(rpc.server("py1").call(ctx, "echo", Map.of())).isEqualTo(Map.of("user_id", "java-user", "args", Map.of()));
      assertThatThrownBy(() -> rpc.call(ctx, "fail", Map.of("why", "disk")))
          .isInstanceOfSatisfying(RemoteError.class, e -> {
            assertThat(e.excType()).isEqualTo("ValueError");
            assertThat(e.module()).isEqualTo("builtins");
            assertThat(e.value()).isEqualTo("python says: disk");
            assertThat(e.traceback()).anyMatch(l -> l.contains("Traceback"));
          });
      assertThatThrownBy(() -> rpc.version("2.0").call(ctx, "echo", Map.of()))
          .isInstanceOfSatisfying(RemoteError.class, e -> {
            assertThat(e.excType()).isEqualTo("UnsupportedVersion");
            assertThat(e.module()).isEqualTo("oslo_messaging.rpc.dispatcher");
          });
      assertThatThrownBy(() -> rpc.call(ctx, "nope", Map.of()))
          .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.excType()).isEqualTo("NoSuchMethod"));
    } finally {
      p.getOutputStream().close();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
