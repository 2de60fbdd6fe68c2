package io.neutrino.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void badValueNamesTheOption() {
        ConfigException e = ConfigException.badValue("ml2_type_vlan", "network_vlan_ranges", "abc", null);
        assertThat(e).isInstanceOf(RuntimeException.class);
        assertThat(e.getMessage()).isEqualTo("[ml2_type_vlan] network_vlan_ranges: invalid value 'abc'");
        assertThat(e.section()).isEqualTo("ml2_type_vlan");
        assertThat(e.key()).isEqualTo("network_vlan_ranges");
    }

    @Test
    void badValueWithReason() {
        ConfigException e = ConfigException.badValue("DEFAULT", "bind_port", "x", "expected an integer");
        assertThat(e.getMessage()).isEqualTo("[DEFAULT] bind_port: invalid value 'x': expected an integer");
    }

    @Test
    void sectionAndFileLevelErrors() {
        ConfigException s = new ConfigException("ml2", null, "missing section");
        assertThat(s.getMessage()).isEqualTo("[ml2]: missing section");
        assertThat(s.key()).isNull();
        ConfigException f = new ConfigException("Failed to find config file: /x");
        assertThat(f.getMessage()).isEqualTo("Failed to find config file: /x");
        assertThat(f.section()).isNull();
        assertThat(f.key()).isNull();
    }
}
