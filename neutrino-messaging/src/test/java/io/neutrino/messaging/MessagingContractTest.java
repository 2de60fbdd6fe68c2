package io.neutrino.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What both transports must do alike. Each test uses its own topic; {@code server} and
 * {@code client} are separate transports on one bus (two processes, on RabbitMQ two connections).
 */
abstract class MessagingContractTest {
  static final Map<String, Object> CTX = Map.of("user_id", "u1", "project_id", "p1", "is_admin", false,
      "roles", List.of("member"), "request_id", "req-1", "auth_token", "secret");

  Messaging server;
  Messaging client;
  String topic;
  private final List<Messaging> extra = new ArrayList<>();

  /** A fresh transport; the other one is its {@link Messaging#peer()}. */
  abstract Messaging open();

  /** Deletes what the test left on the broker (the shared topic queues and exchanges). */
  abstract void cleanUp(Messaging any, Set<String> queues);

  @BeforeEach
  void setUp() {
    topic = "t-" + Wire.hexId().substring(0, 12);
    server = open();
    client = server.peer();
  }

  @AfterEach
  void tearDown() {
    Set<String> queues = new HashSet<>();
    for (String s : List.of("", "s1", "s2", "s3")) {
      queues.add(s.isEmpty() ? topic : topic + "." + s);
    }
    for (Priority p : Priority.values()) {
      queues.add(topic + "." + p.topicSuffix());
    }
    queues.add(topic + "-pool");
    client.close();
    extra.forEach(Messaging::close);
    cleanUp(server, queues);
    server.close();
  }

  Messaging another() {
    Messaging m = server.peer();
    extra.add(m);
    return m;
  }

  static Endpoint echo(String version) {
    return Endpoint.of(version, Map.of(
        "echo", (ctx, args) -> Map.of("ctx", ctx, "args", args),
        "fail", (ctx, args) -> {
          throw new IllegalStateException("boom: " + args.get("why"));
        },
        "not_found", (ctx, args) -> {
          throw RemoteError.of("neutron_lib.exceptions", "NetworkNotFound", "Network n1 could not be found.",
              Map.of("net_id", "n1"));
        },
        "bad_result", (ctx, args) -> new Object(),
        "version", (ctx, args) -> version));
  }

  RpcServer serve(Messaging on, String name, Endpoint... endpoints) {
    return on.rpcServer(Target.topic(topic).withServer(name), List.of(endpoints)).start();
  }

  @Test
  void callReturnsTheResultAndCarriesTheContext() {
    serve(server, "s1", echo("1.0"));
    Object result = client.rpcClient(Target.topic(topic)).call(CTX, "echo", Map.of("a", 1, "b", List.of("x")));
    assertThat(result).isEqualTo(Map.of("ctx", CTX, "args", Map.of("a", 1, "b", List.of("x"))));
  }

  @Test
  void callConvertsTheResultToAType() {
    record Echo(Map<String, Object> ctx, Map<String, Object> args) {
    }
    serve(server, "s1", echo("1.0"));
    Echo e = client.rpcClient(Target.topic(topic)).call(CTX, "echo", Map.of("n", 7), Echo.class);
    assertThat(e.args()).containsEntry("n", 7);
  }

  @Test
  void callToOneServerReachesThatServer() {
    serve(server, "s1", Endpoint.of("1.0", Map.of("who", (c, a) -> "s1")));
    serve(another(), "s2", Endpoint.of("1.0", Map.of("who", (c, a) -> "s2")));
    RpcClient rpc = client.rpcClient(Target.topic(topic)).server("s2");
    for (int i = 0; i < 6; i++) {
      assertThat(rpc.call(CTX, "who", Map.of())).isEqualTo("s2");
    }
  }

  @Test
  void castsToATopicAreSharedAmongItsServers() throws Exception {
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    serve(server, "s1", Endpoint.of("1.0", Map.of("take", (c, a) -> got.add("s1:" + a.get("i")))));
    serve(another(), "s2", Endpoint.of("1.0", Map.of("take", (c, a) -> got.add("s2:" + a.get("i")))));
    RpcClient rpc = client.rpcClient(Target.topic(topic));
    for (int i = 0; i < 10; i++) {
      rpc.cast(CTX, "take", Map.of("i", i));
    }
    List<String> all = drain(got, 10);
    assertThat(all.stream().map(s -> s.substring(3)).sorted().toList())
        .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(all).anyMatch(s -> s.startsWith("s1:")).anyMatch(s -> s.startsWith("s2:"));
    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void fanoutCastReachesEveryServer() throws Exception {
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    for (String s : List.of("s1", "s2", "s3")) {
      serve(s.equals("s1") ? server : another(), s, Endpoint.of("1.0",
          Map.of("port_update", (c, a) -> got.add(s + ":" + a.get("port") + ":" + c.get("user_id")))));
    }
    client.rpcClient(Target.topic(topic)).fanout().cast(CTX, "port_update", Map.of("port", "p1"));
    assertThat(drain(got, 3)).containsExactlyInAnyOrder("s1:p1:u1", "s2:p1:u1", "s3:p1:u1");
    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void fanoutCannotBeCalled() {
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).fanout().call(CTX, "echo", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fanout");
  }

  @Test
  void callWithoutServerTimesOutNamingTopicMethodAndTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).timeout(Duration.ofMillis(300))
        .call(CTX, "report_state", Map.of()))
        .isInstanceOfSatisfying(MessagingTimeout.class, e -> {
          assertThat(e.topic()).isEqualTo(topic);
          assertThat(e.method()).isEqualTo("report_state");
          assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
          assertThat(e.getMessage()).contains(topic, "report_state", "0.3s");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void callWaitsWithinItsTimeoutForAServerToAppear() throws Exception {
    var result = java.util.concurrent.CompletableFuture.supplyAsync(() ->
        client.rpcClient(Target.topic(topic)).timeout(Duration.ofSeconds(10)).call(CTX, "version", Map.of()));
    Thread.sleep(600);
    serve(server, "s1", echo("1.2"));
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("1.2");
  }

  @Test
  void slowMethodTimesOutTheCallButTheServerCarriesOn() {
    CountDownLatch release = new CountDownLatch(1);
    serve(server, "s1", Endpoint.of("1.0", Map.of(
        "slow", (c, a) -> release.await(5, TimeUnit.SECONDS),
        "fast", (c, a) -> "ok")));
    RpcClient rpc = client.rpcClient(Target.topic(topic));
    assertThatThrownBy(() -> rpc.timeout(Duration.ofMillis(200)).call(CTX, "slow", Map.of()))
        .isInstanceOf(MessagingTimeout.class);
    release.countDown();
    assertThat(rpc.call(CTX, "fast", Map.of())).isEqualTo("ok");
  }

  @Test
  void remoteExceptionBecomesRemoteError() {
    serve(server, "s1", echo("1.0"));
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).call(CTX, "fail", Map.of("why", "disk")))
        .isInstanceOfSatisfying(RemoteError.class, e -> {
          assertThat(e.excType()).isEqualTo("IllegalStateException");
          assertThat(e.module()).isEqualTo("java.lang");
          assertThat(e.value()).isEqualTo("boom: disk");
          assertThat(e.getMessage()).isEqualTo("Remote error: IllegalStateException boom: disk");
          assertThat(e.traceback()).isNotEmpty();
        });
  }

  @Test
  void endpointChoosesTheRemoteExceptionClass() {
    serve(server, "s1", echo("1.0"));
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).call(CTX, "not_found", Map.of()))
        .isInstanceOfSatisfying(RemoteError.class, e -> {
          assertThat(e.excType()).isEqualTo("NetworkNotFound");
          assertThat(e.module()).isEqualTo("neutron_lib.exceptions");
          assertThat(e.value()).isEqualTo("Network n1 could not be found.");
          assertThat(e.kwargs()).isEqualTo(Map.of("net_id", "n1"));
        });
  }

  @Test
  void argumentsJsonCannotCarryFailBeforeSending() {
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).cast(CTX, "echo", Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
  }

  @Test
  void resultJsonCannotCarryIsARemoteError() {
    serve(server, "s1", echo("1.0"));
    assertThatThrownBy(() -> client.rpcClient(Target.topic(topic)).call(CTX, "bad_result", Map.of()))
        .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.value()).contains("JSON"));
  }

  @Test
  void versionedDispatchFollowsOslo() {
    serve(server, "s1", echo("1.5"), Endpoint.of("2.1", Map.of("version", (c, a) -> "2.1")),
        new Endpoint("l3", "1.0", Map.of("version", (c, a) -> "l3")));
    RpcClient rpc = client.rpcClient(Target.topic(topic));
    assertThat(rpc.call(CTX, "version", Map.of())).as("no version is 1.0").isEqualTo("1.5");
    assertThat(rpc.version("1.3").call(CTX, "version", Map.of())).isEqualTo("1.5");
    assertThat(rpc.version("1.5").call(CTX, "version", Map.of())).isEqualTo("1.5");
    assertThat(rpc.version("2.0").call(CTX, "version", Map.of())).isEqualTo("2.1");
    assertThat(rpc.version("1.0").call(CTX, "version", Map.of())).isEqualTo("1.5");
    assertThat(client.rpcClient(Target.topic(topic).withNamespace("l3")).call(CTX, "version", Map.of()))
        .isEqualTo("l3");
    assertThatThrownBy(() -> rpc.version("1.6").call(CTX, "version", Map.of()))
        .isInstanceOfSatisfying(RemoteError.class, e -> {
          assertThat(e.excType()).isEqualTo("UnsupportedVersion");
          assertThat(e.module()).isEqualTo("oslo_messaging.rpc.dispatcher");
          assertThat(e.value()).isEqualTo("Endpoint does not support RPC version 1.6. Attempted method: version");
        });
    assertThatThrownBy(() -> rpc.version("3.0").call(CTX, "version", Map.of()))
        .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.excType()).isEqualTo("UnsupportedVersion"));
    assertThatThrownBy(() -> rpc.version("1.1").call(CTX, "get_devices_details_list", Map.of()))
        .isInstanceOfSatisfying(RemoteError.class, e -> {
          assertThat(e.excType()).isEqualTo("NoSuchMethod");
          assertThat(e.value()).isEqualTo("Endpoint does not support RPC method get_devices_details_list");
        });
  }

  @Test
  void concurrentCallsEachGetTheirOwnReply() throws Exception {
    serve(server, "s1", Endpoint.of("1.0", Map.of("double", (c, a) -> {
      Thread.sleep(2);
      return ((Number) a.get("n")).intValue() * 2;
    })));
    serve(another(), "s2", Endpoint.of("1.0", Map.of("double", (c, a) -> ((Number) a.get("n")).intValue() * 2)));
    RpcClient rpc = client.rpcClient(Target.topic(topic));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        results.add(pool.submit(() -> Integer.valueOf(n * 2).equals(rpc.call(CTX, "double", Map.of("n", n)))));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void notificationsCarryOsloFieldsOnTopicDotPriority() throws Exception {
    BlockingQueue<Notification> info = new LinkedBlockingQueue<>();
    BlockingQueue<Notification> errors = new LinkedBlockingQueue<>();
    Notifier notifier = client.notifier("network.host1", List.of(topic));
    // Sent before anyone listens: the sender declared the queue, so it waits there (as in oslo).
    notifier.info(CTX, "port.create.end", Map.of("port", Map.of("id", "p1")));
    server.notificationListener(List.of(topic), Set.of(Priority.INFO), null, info::add);
    server.notificationListener(List.of(topic), Set.of(Priority.ERROR), null, errors::add);
    notifier.error(CTX, "port.delete.end", List.of(1, 2));

    Notification n = info.poll(5, TimeUnit.SECONDS);
    assertThat(n).isNotNull();
    assertThat(n.eventType()).isEqualTo("port.create.end");
    assertThat(n.priority()).isEqualTo(Priority.INFO);
    assertThat(n.publisherId()).isEqualTo("network.host1");
    assertThat(n.payload()).isEqualTo(Map.of("port", Map.of("id", "p1")));
    assertThat(n.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(n.timestamp()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
    assertThat(n.context()).as("tokens never go into notifications")
        .containsEntry("user_id", "u1").containsEntry("request_id", "req-1").doesNotContainKey("auth_token");
    Notification e = errors.poll(5, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.priority()).isEqualTo(Priority.ERROR);
    assertThat(e.payload()).isEqualTo(List.of(1, 2));
    assertThat(info.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void notificationPoolSharesTheNotifications() throws Exception {
    Set<String> a = ConcurrentHashMap.newKeySet();
    Set<String> b = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(20);
    server.notificationListener(List.of(topic), Set.of(Priority.INFO), topic + "-pool", n -> {
      a.add(n.messageId());
      all.countDown();
    });
    another().notificationListener(List.of(topic), Set.of(Priority.INFO), topic + "-pool", n -> {
      b.add(n.messageId());
      all.countDown();
    });
    Notifier notifier = client.notifier("agent", List.of(topic));
    for (int i = 0; i < 20; i++) {
      notifier.info(CTX, "e", i);
    }
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Collections.disjoint(a, b)).isTrue();
    assertThat(a.size() + b.size()).isEqualTo(20);
  }

  @Test
  void stoppedServerNoLongerAnswers() {
    RpcServer s = serve(server, "s1", echo("1.0"));
    RpcClient rpc = client.rpcClient(Target.topic(topic)).timeout(Duration.ofMillis(300));
    assertThat(rpc.call(CTX, "version", Map.of())).isEqualTo("1.0");
    s.stop();
    assertThatThrownBy(() -> rpc.call(CTX, "version", Map.of())).isInstanceOf(MessagingTimeout.class);
  }

  static <T> List<T> drain(BlockingQueue<T> q, int n) throws InterruptedException {
    List<T> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.size() < n && System.nanoTime() < deadline) {
      T t = q.poll(100, TimeUnit.MILLISECONDS);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }
}
