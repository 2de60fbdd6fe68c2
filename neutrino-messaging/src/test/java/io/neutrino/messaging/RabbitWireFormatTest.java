package io.neutrino.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes over RabbitMQ, byte for byte where oslo.messaging's rabbit driver (Zed) would look:
 * the test declares its own queues, reads the raw envelopes and answers as a Python peer would.
 */
class RabbitWireFormatTest {
  private static final Map<String, Object> CTX = Map.of("user_id", "u1", "auth_token", "tok");
  private static final String HEX32 = "[0-9a-f]{32}";
  /** As rabbitmqctl shows it; the AMQP type must be py-amqp's for an int (signedint), or a Python
   *  peer re-declaring the queue would be refused as inequivalent. */
  private static final List<Object> EXPIRES = List.of(List.of("x-expires", "signedint", 1_800_000));

  private final String exchange = "neutrino_test_" + Wire.hexId().substring(0, 12);
  private final String topic = "w-" + Wire.hexId().substring(0, 12);
  private final List<String> queues = new ArrayList<>();
  private Messaging messaging;
  private Connection raw;
  private Channel ch;

  @BeforeEach
  void setUp() throws Exception {
    messaging = RabbitFixture.open(exchange);
    raw = RabbitFixture.raw();
    ch = raw.createChannel();
    queues.addAll(List.of(topic, topic + ".s1", topic + ".info"));
  }

  @AfterEach
  void tearDown() throws Exception {
    messaging.close();
    raw.close();
    RabbitFixture.delete(queues, List.of(exchange, topic + "_fanout"));
  }

  /** A queue of the test's own bound to {@code exchangeName} with {@code key}. */
  private String inspect(String exchangeName, BuiltinExchangeType type, boolean autoDelete, String key) throws IOException {
    String q = "inspect-" + Wire.hexId();
    queues.add(q);
    ch.exchangeDeclare(exchangeName, type, false, autoDelete, null);
    ch.queueDeclare(q, false, false, false, null);
    ch.queueBind(q, exchangeName, key);
    return q;
  }

  private GetResponse get(String queue) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      GetResponse r = ch.basicGet(queue, true);
      if (r != null) {
        return r;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("nothing on " + queue);
  }

  /** The raw envelope: exactly the two oslo keys, the message a JSON string inside. */
  private static Map<String, Object> unwrap(GetResponse r) throws IOException {
    Map<String, Object> env = Wire.JSON.readValue(r.getBody(), new TypeReference<LinkedHashMap<String, Object>>() {
    });
    assertThat(env).containsOnlyKeys("oslo.version", "oslo.message");
    assertThat(env.get("oslo.version")).isEqualTo("2.0");
    assertThat(env.get("oslo.message")).isInstanceOf(String.class);
    return Wire.JSON.readValue((String) env.get("oslo.message"), new TypeReference<LinkedHashMap<String, Object>>() {
    });
  }

  private static void assertKombuProperties(AMQP.BasicProperties p) {
    assertThat(p.getContentType()).isEqualTo("application/json");
    assertThat(p.getContentEncoding()).isEqualTo("utf-8");
    assertThat(p.getDeliveryMode()).isEqualTo(2);
  }

  @Test
  void castIsAnEnvelopedMessageOnTheControlExchange() throws Exception {
    String q = inspect(exchange, BuiltinExchangeType.TOPIC, false, topic);
    messaging.rpcClient(Target.topic(topic).withNamespace("ns").withVersion("1.3"))
        .cast(CTX, "port_update", Map.of("port", Map.of("id", "p1")));
    GetResponse r = get(q);
    assertKombuProperties(r.getProps());
    assertThat(r.getProps().getExpiration()).as("oslo sends casts without expiration").isNull();
    Map<String, Object> msg = unwrap(r);
    assertThat(msg).containsOnlyKeys("method", "args", "namespace", "version", "_unique_id", "_context_user_id",
        "_context_auth_token");
    assertThat(msg).containsEntry("method", "port_update").containsEntry("args", Map.of("port", Map.of("id", "p1")))
        .containsEntry("namespace", "ns").containsEntry("version", "1.3").containsEntry("_context_user_id", "u1");
    assertThat((String) msg.get("_unique_id")).matches(HEX32);
  }

  @Test
  void castToAServerUsesTopicDotServer() throws Exception {
    String q = inspect(exchange, BuiltinExchangeType.TOPIC, false, topic + ".host-a");
    messaging.rpcClient(Target.topic(topic)).server("host-a").cast(CTX, "m", Map.of());
    assertThat(unwrap(get(q))).containsEntry("method", "m");
  }

  @Test
  void fanoutGoesToTheTopicFanoutExchange() throws Exception {
    String q = inspect(topic + "_fanout", BuiltinExchangeType.FANOUT, true, topic);
    messaging.rpcClient(Target.topic(topic)).fanout().cast(CTX, "network_delete", Map.of("network_id", "n1"));
    assertThat(unwrap(get(q))).containsEntry("method", "network_delete");
  }

  @Test
  void callCarriesReplyAddressAndTakesAnOsloReply() throws Exception {
    String q = inspect(exchange, BuiltinExchangeType.TOPIC, false, topic);
    CompletableFuture<Object> result = CompletableFuture.supplyAsync(() ->
        messaging.rpcClient(Target.topic(topic)).call(CTX, "get_device_details", Map.of("device", "tap1")));
    GetResponse r = get(q);
    assertKombuProperties(r.getProps());
    assertThat(r.getProps().getExpiration()).as("the call timeout, in ms").isEqualTo("20000");
    Map<String, Object> msg = unwrap(r);
    assertThat(msg).containsOnlyKeys("method", "args", "_msg_id", "_reply_q", "_timeout", "_unique_id",
        "_context_user_id", "_context_auth_token");
    assertThat(msg.get("_timeout")).isNull();
    assertThat((String) msg.get("_msg_id")).matches(HEX32);
    String replyQ = (String) msg.get("_reply_q");
    assertThat(replyQ).matches("reply_" + HEX32);

    // As oslo's AMQPIncomingMessage._send_reply: default exchange, routing key = reply queue.
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("result", Map.of("device", "tap1", "network_id", "n1"));
    reply.put("failure", null);
    reply.put("ending", true);
    reply.put("_msg_id", msg.get("_msg_id"));
    reply.put("_unique_id", Wire.hexId());
    ch.basicPublish("", replyQ, true, json(), Wire.envelope(reply));
    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(Map.of("device", "tap1", "network_id", "n1"));
  }

  @Test
  void serverRepliesAsOslo() throws Exception {
    messaging.rpcServer(Target.topic(topic).withServer("s1"), List.of(MessagingContractTest.echo("1.1"))).start();
    String replyQ = "reply_" + Wire.hexId();
    queues.add(replyQ);
    ch.queueDeclare(replyQ, false, false, false, Map.of("x-expires", 1_800_000));

    ch.basicPublish(exchange, topic, json(), Wire.envelope(request("version", "m1", replyQ)));
    Map<String, Object> ok = unwrap(get(replyQ));
    assertThat(ok).containsOnlyKeys("result", "failure", "ending", "_msg_id", "_unique_id");
    assertThat(ok).containsEntry("result", "1.1").containsEntry("ending", true).containsEntry("_msg_id", "m1");
    assertThat(ok.get("failure")).isNull();

    ch.basicPublish(exchange, topic + ".s1", json(), Wire.envelope(request("nope", "m2", replyQ)));
    Map<String, Object> failed = unwrap(get(replyQ));
    assertThat(failed.get("result")).isNull();
    assertThat(failed.get("failure")).as("oslo sends the failure as a JSON string").isInstanceOf(String.class);
    Map<String, Object> failure = Wire.JSON.readValue((String) failed.get("failure"),
        new TypeReference<LinkedHashMap<String, Object>>() {
        });
    assertThat(failure).containsOnlyKeys("class", "module", "message", "tb", "args", "kwargs");
    assertThat(failure).containsEntry("class", "NoSuchMethod").containsEntry("module", "oslo_messaging.rpc.dispatcher")
        .containsEntry("message", "Endpoint does not support RPC method nope");
    assertThat(failure.get("tb")).isInstanceOf(List.class);
  }

  @Test
  void serverSendsCallMonitorHeartbeatsWhenAsked() throws Exception {
    messaging.rpcServer(Target.topic(topic).withServer("s1"), List.of(Endpoint.of("1.0",
        Map.of("slow", (c, a) -> {
          Thread.sleep(1500);
          return "done";
        })))).start();
    String replyQ = "reply_" + Wire.hexId();
    queues.add(replyQ);
    ch.queueDeclare(replyQ, false, false, false, Map.of("x-expires", 1_800_000));
    Map<String, Object> call = request("slow", "m1", replyQ);
    call.put("_timeout", 2);
    ch.basicPublish(exchange, topic, json(), Wire.envelope(call));
    Map<String, Object> beat = unwrap(get(replyQ));
    assertThat(beat).containsEntry("ending", false).containsEntry("_msg_id", "m1");
    assertThat(beat.get("result")).isNull();
    assertThat(beat.get("failure")).isNull();
    assertThat(unwrap(get(replyQ))).containsEntry("result", "done").containsEntry("ending", true);
  }

  @Test
  void notificationAsOsloMessagingV2() throws Exception {
    messaging.notifier("network.h1", List.of(topic)).info(CTX, "port.create.end", Map.of("port", Map.of()));
    // The notifier declared "<topic>.info" on the control exchange itself.
    GetResponse r = get(topic + ".info");
    assertThat(r.getEnvelope().getExchange()).isEqualTo(exchange);
    assertThat(r.getEnvelope().getRoutingKey()).isEqualTo(topic + ".info");
    assertKombuProperties(r.getProps());
    Map<String, Object> msg = unwrap(r);
    assertThat(msg).containsOnlyKeys("message_id", "publisher_id", "event_type", "priority", "payload", "timestamp",
        "_unique_id", "_context_user_id");
    assertThat(msg).containsEntry("priority", "INFO").containsEntry("event_type", "port.create.end")
        .containsEntry("publisher_id", "network.h1");
  }

  @Test
  void topologyHasOslosNamesAndFlags() throws Exception {
    messaging.rpcServer(Target.topic(topic).withServer("s1"), List.of(MessagingContractTest.echo("1.0"))).start();
    messaging.rpcClient(Target.topic(topic)).call(CTX, "version", Map.of());
    String replyQ = messaging.replies().queue();

    Map<String, Map<String, Object>> qs = Rabbitmqctl.listQueues();
    assertThat(qs.get(topic)).containsEntry("durable", false).containsEntry("auto_delete", false)
        .containsEntry("arguments", List.of());
    assertThat(qs.get(topic + ".s1")).containsEntry("durable", false).containsEntry("auto_delete", false)
        .containsEntry("arguments", List.of());
    List<String> fanout = qs.keySet().stream().filter(n -> n.startsWith(topic + "_fanout_")).toList();
    assertThat(fanout).hasSize(1);
    assertThat(fanout.get(0)).matches(topic + "_fanout_" + HEX32);
    assertThat(qs.get(fanout.get(0))).containsEntry("durable", false).containsEntry("auto_delete", false)
        .containsEntry("arguments", EXPIRES);
    assertThat(qs.get(replyQ)).containsEntry("durable", false).containsEntry("auto_delete", false)
        .containsEntry("arguments", EXPIRES);

    Map<String, Map<String, Object>> xs = Rabbitmqctl.listExchanges();
    assertThat(xs.get(exchange)).containsEntry("type", "topic").containsEntry("durable", false)
        .containsEntry("auto_delete", false);
    assertThat(xs.get(topic + "_fanout")).containsEntry("type", "fanout").containsEntry("durable", false)
        .containsEntry("auto_delete", true);
  }

  private Map<String, Object> request(String method, String msgId, String replyQ) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("args", Map.of());
    m.put("version", "1.0");
    m.put("_msg_id", msgId);
    m.put("_reply_q", replyQ);
    m.put("_timeout", null);
    m.put("_unique_id", Wire.hexId());
    m.put("_context_user_id", "u1");
    return m;
  }

  private static AMQP.BasicProperties json() {
    return new AMQP.BasicProperties.Builder().contentType("application/json").contentEncoding("utf-8")
        .deliveryMode(2).build();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
