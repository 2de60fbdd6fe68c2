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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One port through the controller, as {@link ApiRouter} handles it: a create body checked against
 * the attribute map and converted ({@link RequestBodies}) and authorized ({@link ApiPolicy}); a
 * port shown ({@code present}) and written as JSON ({@link JsonBodies}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PortApiBenchmark {
  private ApiFixture f;
  private RequestContext member;
  private String createJson;
  private Object createBody;
  private Map<String, Object> port;
  private List<Map<String, Object>> thousandPorts;

  @Setup
  public void setUp() throws Exception {
    f = new ApiFixture();
    member = ApiFixture.member(ApiFixture.PROJECT);
    createJson = ApiFixture.createPortJson();
    createBody = f.json.readValue(createJson, Object.class);
    port = ApiFixture.port(1, ApiFixture.PROJECT);
    thousandPorts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      thousandPorts.add(f.policy.present(member, f.ports, ApiFixture.port(i, ApiFixture.PROJECT), Set.of()));
    }
  }

  /** POST /v2.0/ports body, parsed: unknown attributes, defaults, conversion, validation. */
  @Benchmark
  public Map<String, Object> validateCreateBody() {
    Map<String, Object> raw = RequestBodies.membersOfPost(f.ports, createBody).get(0);
    return RequestBodies.forCreate(f.ports, raw, member);
  }

  /** The same from the request text, plus the create policy (with its attribute rules). */
  @Benchmark
  public Map<String, Object> parseValidateAuthorizeCreate() throws Exception {
    Object body = f.json.readValue(createJson, Object.class);
    Map<String, Object> res = RequestBodies.forCreate(f.ports, RequestBodies.membersOfPost(f.ports, body).get(0), member);
    f.policy.authorizeCreate(member, f.ports, res);
    return res;
  }

  /** GET /v2.0/ports/{id} for its owner: hidden attributes stripped, then the JSON bytes. */
  @Benchmark
  public byte[] presentAndWritePort() {
    return f.bodies.write(Map.of("port", f.policy.present(member, f.ports, port, Set.of())));
  }

  /** The JSON bytes of a list of 1,000 ports already presented (list policy: ListPolicyBenchmark). */
  @Benchmark
  public byte[] writeThousandPorts() {
    return f.bodies.write(Map.of("ports", thousandPorts));
  }
}
