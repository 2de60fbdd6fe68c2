package io.neutrino.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The broker's own view (rabbitmqctl on this machine) and the stop/start used by the restart test. */
final class Rabbitmqctl {
  private Rabbitmqctl() {
  }

  static Map<String, Map<String, Object>> listQueues() throws Exception {
    return byName(run("list_queues", "-q", "name", "durable", "auto_delete", "arguments", "--formatter", "json"));
  }

  static Map<String, Map<String, Object>> listExchanges() throws Exception {
    return byName(run("list_exchanges", "-q", "name", "type", "durable", "auto_delete", "--formatter", "json"));
  }

  static void stopApp() throws Exception {
    run("stop_app");
  }

  static void startApp() throws Exception {
    run("start_app");
    run("await_startup");
  }

  private static Map<String, Map<String, Object>> byName(String json) throws IOException {
    List<Map<String, Object>> rows = Wire.JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {
    });
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      out.put(String.valueOf(row.get("name")), row);
    }
    return out;
  }

  static String run(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "rabbitmqctl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + new String(out));
    }
    return new String(out);
  }
}
