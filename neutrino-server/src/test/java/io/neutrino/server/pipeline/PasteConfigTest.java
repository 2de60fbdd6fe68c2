package io.neutrino.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PasteConfigTest {

  @Test
  void parsesZedFile() {
    PasteConfig c = PipelineBuilder.loadDefault();
    PasteConfig.Section urlmap = c.section("composite", "neutron").orElseThrow();
    assertThat(urlmap.get("use")).hasValue("egg:Paste#urlmap");
    assertThat(urlmap.localConf()).containsEntry("/", "neutronversions_composite")
        .containsEntry("/healthcheck", "healthcheck").containsEntry("/v2.0", "neutronapi_v2_0");
    PasteConfig.Section api = c.section("composite", "neutronapi_v2_0").orElseThrow();
    assertThat(api.get("use")).hasValue("call:neutron.auth:pipeline_factory");
    assertThat(api.localConf().get("noauth"))
        .isEqualTo("cors http_proxy_to_wsgi request_id fake_project_id catch_errors osprofiler extensions neutronapiapp_v2_0");
    PasteConfig.Section cors = c.findFilter("cors").orElseThrow();
    assertThat(cors.factoryKey()).hasValue("oslo_middleware.cors:filter_factory");
    assertThat(cors.localConf()).containsEntry("oslo_config_project", "neutron").doesNotContainKey("paste.filter_factory");
    assertThat(c.findApp("neutronversions_composite").orElseThrow().type()).isEqualTo("composite");
    assertThat(c.findApp("healthcheck").orElseThrow().localConf()).containsEntry("backends", "disable_by_file");
  }

  @Test
  void defaultsContinuationsCommentsInterpolation() {
    String ini = "# comment\n[DEFAULT]\nroot = /srv\n\n[app:x]\n; another\npaste.app_factory = a.b:c\n"
        + "path = %(root)s/file\nhere_dir = %(here)s\nlong = one\n  two\nPct = 100%%\n";
    PasteConfig c = PasteConfig.parse(new StringReader(ini), "t.ini", "/etc/neutron");
    assertThat(c.defaults()).containsEntry("root", "/srv");
    PasteConfig.Section x = c.section("app", "x").orElseThrow();
    assertThat(x.entries()).containsEntry("path", "/srv/file").containsEntry("here_dir", "/etc/neutron")
        .containsEntry("long", "one\ntwo").containsEntry("Pct", "100%");
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> PasteConfig.parse(new StringReader("key = value\n")))
        .isInstanceOf(PipelineException.class).hasMessageContaining("outside of any section");
    assertThatThrownBy(() -> PasteConfig.parse(new StringReader("[nocolon]\n")))
        .isInstanceOf(PipelineException.class).hasMessageContaining("[type:name]");
  }
}
