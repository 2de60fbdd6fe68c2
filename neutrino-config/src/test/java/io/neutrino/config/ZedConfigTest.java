package io.neutrino.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads the real neutron.conf and ml2_conf.ini shipped with Neutron Zed. */
class ZedConfigTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ZedConfigTest.class.getResource("/zed/" + name).toURI());
    }

    private static Config zed() throws URISyntaxException {
        return Config.load(List.of(resource("neutron.conf"), resource("ml2_conf.ini")), List.of());
    }

    @Test
    void neutronConfValues() throws Exception {
        Config c = zed();
        assertThat(c.get("DEFAULT", "core_plugin")).contains("ml2");
        assertThat(c.getList("DEFAULT", "service_plugins", List.of()))
                .containsExactly("router", "metering", "qos");
        assertThat(c.get("DEFAULT", "auth_strategy")).contains("keystone");
        assertThat(c.getBool("DEFAULT", "notify_nova_on_port_status_changes", false)).isTrue();
        assertThat(c.get("database", "connection")).contains("sqlite:///var/lib/neutron/neutrondb");
        assertThat(c.get("keystone_authtoken", "www_authenticate_uri")).contains("http://localhost:5000");
        assertThat(c.get("keystone_authtoken", "username")).contains("neutron");
        assertThat(c.get("nova", "auth_type")).contains("password");
        assertThat(c.get("oslo_concurrency", "lock_path")).contains("/var/lock/neutron");
        // commented-out defaults are not options
        assertThat(c.get("DEFAULT", "debug")).isEmpty();
        assertThat(c.get("DEFAULT", "bind_port")).isEmpty();
    }

    @Test
    void ml2ConfValues() throws Exception {
        Config c = zed();
        assertThat(c.getList("ml2", "type_drivers", List.of())).containsExactly("flat", "vxlan");
        assertThat(c.getList("ml2", "tenant_network_types", List.of())).containsExactly("vxlan");
        assertThat(c.getList("ml2", "mechanism_drivers", List.of())).containsExactly("openvswitch", "l2population");
        assertThat(c.getList("ml2", "extension_drivers", List.of())).containsExactly("port_security", "qos");
        assertThat(c.getList("ml2_type_flat", "flat_networks", List.of())).containsExactly("external");
        assertThat(c.get("ml2_type_vxlan", "vni_ranges")).contains("1:1000");
        assertThat(c.getBool("securitygroup", "enable_security_group", false)).isTrue();
        assertThat(c.getBool("securitygroup", "enable_ipset", false)).isTrue();
    }

    @Test
    void sectionsOfBothFiles() throws Exception {
        Config c = zed();
        assertThat(c.sections()).contains("DEFAULT", "agent", "database", "keystone_authtoken", "nova",
                "oslo_messaging_rabbit", "oslo_policy", "quotas", "ml2", "ml2_type_vlan", "securitygroup");
    }

    @Test
    void unreadOptionsAreReported() throws Exception {
        Config c = zed();
        assertThat(c.unusedOptions()).contains("[DEFAULT] core_plugin", "[agent] root_helper",
                "[keystone_authtoken] auth_url");
        c.get("DEFAULT", "core_plugin");
        assertThat(c.unusedOptions()).doesNotContain("[DEFAULT] core_plugin").contains("[agent] root_helper");
    }
}
