package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 64 clients create ports on one /24 until it is full: every address and MAC is handed out once,
 * every failure is the 409 of an empty pool, never a 500, and all 253 addresses get used. 32
 * clients create networks until the VNI range is used up: each VNI is handed out once.
 */
class ConcurrencyTest {

  @Test
  void noDuplicateAddressOrMacUnder64Clients() throws Exception {
    try (TestServer s = TestServer.start()) {
      String[] ns = s.networkWithSubnet("10.9.0.0/24");
      ExecutorService pool = Executors.newFixedThreadPool(64);
      List<Future<List<TestServer.Reply>>> futures = new ArrayList<>();
      for (int c = 0; c < 64; c++) {
        futures.add(pool.submit(() -> {
          List<TestServer.Reply> replies = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            replies.add(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0]))));
          }
          return replies;
        }));
      }
      List<TestServer.Reply> all = new ArrayList<>();
      for (var f : futures) {
        all.addAll(f.get());
      }
      pool.shutdown();
      List<String> ips = new ArrayList<>();
      List<String> macs = new ArrayList<>();
      for (TestServer.Reply r : all) {
        if (r.status() == 201) {
          @SuppressWarnings("unchecked")
          var fixed = (List<Map<String, Object>>) r.member("port").get("fixed_ips");
          ips.add((String) fixed.get(0).get("ip_address"));
          macs.add((String) r.member("port").get("mac_address"));
        } else {
          assertThat(r.status()).as(r.raw().body()).isEqualTo(409);
          assertThat(r.errorType()).isEqualTo("IpAddressGenerationFailure");
        }
      }
      assertThat(ips).hasSize(253);
      assertThat(new HashSet<>(ips)).hasSize(253);
      assertThat(new HashSet<>(macs)).hasSize(253);
      assertThat(s.get("/v2.0/ports?network_id=" + ns[0]).list("ports")).hasSize(253);
    }
  }

  @Test
  void noDuplicateSegmentUnder32NetworkCreators() throws Exception {
    try (TestServer s = TestServer.start(Map.of("ml2", Map.of("tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "1:100")))) {
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<List<TestServer.Reply>>> futures = new ArrayList<>();
      for (int c = 0; c < 32; c++) {
        futures.add(pool.submit(() -> {
          List<TestServer.Reply> replies = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            replies.add(s.post("/v2.0/networks", Map.of("network", Map.of("name", "c"))));
          }
          return replies;
        }));
      }
      List<Integer> vnis = new ArrayList<>();
      for (var f : futures) {
        for (TestServer.Reply r : f.get()) {
          if (r.status() == 201) {
            vnis.add((Integer) r.member("network").get("provider:segmentation_id"));
          } else {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(503);
            assertThat(r.errorType()).isEqualTo("NoNetworkAvailable");
          }
        }
      }
      pool.shutdown();
      assertThat(vnis).hasSize(100);
      assertThat(new HashSet<>(vnis)).hasSize(100);
    }
  }
}
