package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plugins load by name from the class path: the example plugin jar (a separate module built only
 * against neutrino-lib) by alias and by class name; an unknown name stops start-up naming the
 * option; a default service plugin listed explicitly is not an error.
 */
class PluginLoadingTest {

  @Test
  void examplePluginByAliasAndByClassName() {
    for (String name : new String[] {"example", "io.neutrino.example.ExamplePlugin"}) {
      try (TestServer s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", name + ",tag"),
          "example", Map.of("greeting", "hi")))) {
        var ext = s.get("/v2.0/extensions/neutrino-example");
        assertThat(ext.status()).isEqualTo(200);
        assertThat(ext.member("extension").get("description").toString()).endsWith("hi");
      }
    }
  }

  @Test
  void unknownServicePluginStopsStartUp() {
    assertThatThrownBy(() -> TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "nosuch"))))
        .hasMessageContaining("service_plugins").hasMessageContaining("nosuch");
  }
}
