package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * The metering API (neutron_lib/api/definitions/metering.py) and Zed's
 * metering_source_and_destination_fields, which re-declares remote_ip_prefix and adds
 * source_ip_prefix / destination_ip_prefix on rules: all three optional, without an API
 * validator (the metering plugin checks them).
 */
public final class Metering {
  private Metering() {}

  public static final String LABELS = "metering-labels";
  public static final String RULES = "metering-label-rules";

  public static ResourceDef labels() {
    return ResourceDef.of(LABELS, "metering_label", "Metering label", List.of(
        Attrs.id(),
        attr("name").post().validate(Validators.named("type:string", Attrs.NAME_MAX_LEN)).dflt("")
            .visible().filter().sortKey().build(),
        attr("description").post().validate(Validators.named("type:string", 1024)).dflt("")
            .visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("shared").post().dflt(false).convert(Converters::toBoolean).visible().filter()
            .sortKey().build()));
  }

  public static ResourceDef rules() {
    return ResourceDef.of(RULES, "metering_label_rule", "Metering label rule", List.of(
        Attrs.id(),
        attr("metering_label_id").post().validate(Validators.named("type:uuid", null))
            .requiredByPolicy().visible().filter().sortKey().build(),
        attr("direction").post().validate(Validators.named("type:values", List.of("ingress", "egress")))
            .visible().filter().sortKey().build(),
        attr("excluded").post().dflt(false).convert(Converters::toBoolean).visible().filter()
            .sortKey().build(),
        attr("remote_ip_prefix").post().validate(Validators.named("type:subnet", null))
            .requiredByPolicy().visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId()));
  }

  public static ExtensionDef metering() {
    return new ExtensionDef("metering", "Neutron Metering", "Neutron Metering extension.",
        "2013-06-12T10:00:00-00:00", List.of(labels(), rules()), Map.of(), Map.of(), List.of());
  }

  public static ExtensionDef sourceAndDestinationFields() {
    return new ExtensionDef("metering_source_and_destination_fields",
        "Neutron Metering with source and destination filtering",
        "Neutron Metering extension that enables the use of source and destination IP prefixes "
            + "to create metering label rules.", "2020-08-21T08:12:00-00:00", List.of(),
        Map.of(RULES, List.of(
            attr("remote_ip_prefix").post().dflt(null).visible().filter().sortKey().build(),
            attr("source_ip_prefix").post().put().dflt(null).visible().filter().sortKey().build(),
            attr("destination_ip_prefix").post().put().dflt(null).visible().filter().sortKey()
                .build())),
        Map.of(), List.of("metering"));
  }

  public static List<ExtensionDef> all() {
    return List.of(metering(), sourceAndDestinationFields());
  }
}
