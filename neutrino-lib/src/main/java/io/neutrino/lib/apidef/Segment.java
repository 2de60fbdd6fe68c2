package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * segments: neutron_lib/api/definitions/segment.py (the {@code segment} extension of the
 * {@code segments} service plugin) plus standard-attr-description.
 */
public final class Segment {
  private Segment() {}

  public static final String COLLECTION = "segments";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "segment", "Segment", List.of(
        Attrs.id(),
        attr("tenant_id").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string", Attrs.NAME_MAX_LEN)).build(),
        attr("network_id").post().validate(Validators.named("type:uuid", null)).visible().filter()
            .sortKey().build(),
        attr("physical_network").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string", 64)).visible().filter().sortKey().build(),
        attr("network_type").post().validate(Validators.named("type:string", 32)).visible().filter()
            .sortKey().build(),
        attr("segmentation_id").post().dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toInt)
            .visible().sortKey().build(),
        attr("name").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string_or_none", Attrs.NAME_MAX_LEN)).visible().filter()
            .sortKey().build(),
        attr("description").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string_or_none", Attrs.DESCRIPTION_MAX_LEN)).visible()
            .filter().sortKey().build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("segment", "Segment", "Segments extension.", "2016-02-24T17:00:00-00:00",
        List.of(definition()), Map.of(), Map.of(), List.of("standard-attr-description"));
  }
}
