package io.neutrino.server.api;

import io.neutrino.lib.context.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy over a list of 1,000 ports as {@link ApiRouter}'s index applies it to each item:
 * {@code get_port} decides whether the item is shown, then the {@code get_port:<attribute>} rules
 * strip what the caller may not read (the binding attributes for non-admins). Callers: the ports'
 * owner; the owner of their network (ports of another project, so {@code get_port} falls through
 * to the network-owner check, whose parent lookup is cached); an admin (Zed's legacy defaults:
 * no rule is evaluated).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ListPolicyBenchmark {
  @Param({"owner", "network_owner", "admin"})
  public String caller;

  private ApiFixture f;
  private RequestContext ctx;
  private List<Map<String, Object>> ports;

  @Setup
  public void setUp() {
    f = new ApiFixture();
    ctx = caller.equals("admin") ? ApiFixture.admin() : ApiFixture.member(ApiFixture.PROJECT);
    String owner = caller.equals("network_owner") ? "0ther0project0000000000000000000" : ApiFixture.PROJECT;
    ports = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ports.add(ApiFixture.port(i, owner));
    }
    if (policyOnThousand().size() != ports.size()) {
      throw new IllegalStateException(caller + " should see every port");
    }
  }

  @Benchmark
  public List<Map<String, Object>> policyOnThousand() {
    List<Map<String, Object>> shown = new ArrayList<>(ports.size());
    for (Map<String, Object> item : ports) {
      if (f.policy.mayGet(ctx, f.ports, item)) {
        shown.add(f.policy.present(ctx, f.ports, item, Set.of()));
      }
    }
    return shown;
  }
}
