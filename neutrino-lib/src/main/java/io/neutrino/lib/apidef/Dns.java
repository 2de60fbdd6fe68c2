package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * dns-integration (neutron_lib/api/definitions/dns.py) and dns-domain-ports
 * (dns_domain_ports.py): {@code dns_name} and {@code dns_assignment} on ports, {@code dns_domain}
 * on networks and, with dns-domain-ports, on ports. Brought by ML2's {@code dns} and
 * {@code dns_domain_ports} extension drivers.
 *
 * <p>The {@code dns_name} validator depends on {@code [DEFAULT] dns_domain} (neutron-lib reads
 * cfg.CONF at validation time), so the definition is built with the configured value. The
 * floating IP attributes of dns-integration (its {@code dns_name} and {@code dns_domain}) are not
 * defined: no floating IP code stores them yet, and an attribute that is accepted and dropped is
 * worse than one refused.
 */
public final class Dns {
  private Dns() {}

  public static final String ALIAS = "dns-integration";
  public static final String DOMAIN_PORTS_ALIAS = "dns-domain-ports";
  public static final String DNSNAME = "dns_name";
  public static final String DNSDOMAIN = "dns_domain";
  public static final String DNSASSIGNMENT = "dns_assignment";
  /** neutron_lib/db/constants.py FQDN_FIELD_SIZE. */
  public static final int FQDN_FIELD_SIZE = 255;

  private static AttributeSpec dnsDomain() {
    return attr(DNSDOMAIN).post().put().dflt("").convert(Converters::toLowerCase)
        .validate(Validators.named("type:dns_domain_name", FQDN_FIELD_SIZE)).visible().build();
  }

  /** dns-integration with {@code dns_name} checked against {@code [DEFAULT] dns_domain}. */
  public static ExtensionDef extension(String configuredDnsDomain) {
    return new ExtensionDef(ALIAS, "DNS Integration", "Provides integration with DNS.",
        "2015-08-15T18:00:00-00:00", List.of(), Map.of(
            Port.COLLECTION, List.of(
                attr(DNSNAME).post().put().dflt("").convert(Converters::toLowerCase)
                    .validate(Validators.dnsHostName(FQDN_FIELD_SIZE, configuredDnsDomain))
                    .visible().build(),
                attr(DNSASSIGNMENT).visible().build()),
            Network.COLLECTION, List.of(dnsDomain())),
        Map.of(), List.of("router"));
  }

  public static ExtensionDef domainPorts() {
    return new ExtensionDef(DOMAIN_PORTS_ALIAS, "dns_domain for ports",
        "Allows the DNS domain to be specified for a network port.", "2017-04-24T10:00:00-00:00",
        List.of(), Map.of(Port.COLLECTION, List.of(dnsDomain())), Map.of(), List.of(ALIAS));
  }
}
