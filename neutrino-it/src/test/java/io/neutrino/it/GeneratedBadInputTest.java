package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.apidef.Port;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.apidef.Subnet;
import io.neutrino.lib.apidef.Subnetpool;
import io.neutrino.lib.validate.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad requests generated from the attribute maps of networks, subnets, subnetpools and ports: every
 * one must be refused with a 4xx NeutronError (never a 500) and must not create anything.
 */
class GeneratedBadInputTest {
  static TestServer s;
  static String networkId;

  /** Candidate wrong values; for each attribute only those its own validator rejects are sent. */
  static final List<Object> WRONG_VALUES = List.of(
      List.of("a", "b"),
      Map.of("k", "v"),
      "x".repeat(300),
      "not-a-uuid",
      "300.1.1.1",
      "zz:zz");

  @BeforeAll
  static void start() {
    s = TestServer.start();
    networkId = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "base")))
        .member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet",
        Map.of("network_id", networkId, "cidr", "10.77.0.0/24", "ip_version", 4)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** A body POST accepts for each collection, so only the attribute under test is wrong. */
  static Map<String, Object> validBody(String collection) {
    Map<String, Object> b = new LinkedHashMap<>();
    switch (collection) {
      case "networks" -> b.put("name", "gen");
      case "subnets" -> {
        b.put("network_id", networkId);
        b.put("cidr", "10.78.0.0/24");
        b.put("ip_version", 4);
      }
      case "subnetpools" -> {
        b.put("name", "gen");
        b.put("prefixes", List.of("10.200.0.0/16"));
      }
      case "ports" -> b.put("network_id", networkId);
      default -> throw new IllegalArgumentException(collection);
    }
    return b;
  }

  static int count(String collection) {
    var r = s.get("/v2.0/" + collection);
    assertThat(r.status()).isEqualTo(200);
    return r.list(collection).size();
  }

  /** An existing member to PUT to (a subnet on another CIDR than {@link #validBody}'s). */
  static String existing(ResourceDef def) {
    var b = validBody(def.collection());
    if (def.collection().equals("subnets")) {
      b.put("cidr", "10.79.0.0/24");
    }
    var r = s.post("/v2.0/" + def.collection(), Map.of(def.member(), b));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member(def.member()).get("id");
  }

  static DynamicTest bad(String name, String collection, boolean exactly400, Supplier<TestServer.Reply> request) {
    return DynamicTest.dynamicTest(name, () -> {
      int before = count(collection);
      var r = request.get();
      String body = r.raw().body();
      if (exactly400) {
        assertThat(r.status()).as(body).isEqualTo(400);
      } else {
        assertThat(r.status()).as(body).isBetween(400, 499);
      }
      assertThat(r.body()).as(body).containsKey("NeutronError");
      @SuppressWarnings("unchecked")
      var err = (Map<String, Object>) r.body().get("NeutronError");
      assertThat((String) err.get("type")).as(body).isNotBlank();
      assertThat((String) err.get("message")).as(body).isNotBlank();
      assertThat(count(collection)).as("%s count after %s", collection, name).isEqualTo(before);
    });
  }

  @TestFactory
  Stream<DynamicNode> badRequests() {
    List<ResourceDef> defs = List.of(
        Network.definition(), Subnet.definition(), Subnetpool.definition(), Port.definition());
    return defs.stream().map(def -> {
      String c = def.collection();
      String m = def.member();
      String url = "/v2.0/" + c;
      List<DynamicNode> tests = new ArrayList<>();
      String memberUrl = url + "/" + existing(def);
      Supplier<String> member = () -> memberUrl;
      for (AttributeSpec a : def.attributes().values()) {
        String n = a.name();
        Object sample = "x";
        if (!a.allowPost()) {
          tests.add(bad("POST " + n + " (allow_post=False)", c, true, () -> {
            var b = validBody(c);
            b.put(n, sample);
            return s.post(url, Map.of(m, b));
          }));
        }
        if (!a.allowPut()) {
          tests.add(bad("PUT " + n + " (allow_put=False)", c, true, () -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put(n, sample);
            return s.put(member.get(), Map.of(m, b));
          }));
        }
        if (a.validator() != Validator.NONE) {
          for (Object v : WRONG_VALUES) {
            if (a.validator().validate(v) == null) {
              continue; // the validator itself accepts this one
            }
            String shown = v instanceof String str && str.length() > 20 ? "'x'*300" : String.valueOf(v);
            if (a.allowPost()) {
              tests.add(bad("POST " + n + "=" + shown, c, false, () -> {
                var b = validBody(c);
                b.put(n, v);
                return s.post(url, Map.of(m, b));
              }));
            }
            if (a.allowPut()) {
              tests.add(bad("PUT " + n + "=" + shown, c, false, () -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put(n, v);
                return s.put(member.get(), Map.of(m, b));
              }));
            }
          }
        }
      }
      tests.add(bad("POST unknown attribute", c, true, () -> {
        var b = validBody(c);
        b.put("no_such_attribute", "x");
        return s.post(url, Map.of(m, b));
      }));
      tests.add(bad("PUT unknown attribute", c, true,
          () -> s.put(member.get(), Map.of(m, Map.of("no_such_attribute", "x")))));
      tests.add(bad("POST body not JSON", c, true, () -> s.post(url, "this is {not json")));
      tests.add(bad("POST body []", c, true, () -> s.post(url, "[]")));
      tests.add(bad("POST body {}", c, true, () -> s.post(url, "{}")));
      tests.add(bad("PUT body not JSON", c, true, () -> s.put(member.get(), "this is {not json")));
      tests.add(bad("PUT body []", c, true, () -> s.put(member.get(), "[]")));
      tests.add(bad("PUT body {}", c, true, () -> s.put(member.get(), "{}")));
      return DynamicContainer.dynamicContainer(c, tests);
    });
  }
}
