package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * flavors and service_profiles: neutron_lib/api/definitions/flavors.py, with the flavor's
 * sub-resources service_profiles (associate / disassociate a profile) and next_providers.
 * service_type is checked by the flavors plugin (a loaded service plugin's type, else
 * InvalidServiceType), not by an API validator, so the fault keeps Neutron's type.
 */
public final class Flavors {
  private Flavors() {}

  public static final String FLAVORS = "flavors";
  public static final String SERVICE_PROFILES = "service_profiles";
  public static final String NEXT_PROVIDERS = "next_providers";
  /** Schema and handler keys of the flavor's sub-resources. */
  public static final String FLAVOR_SERVICE_PROFILES_KEY = FLAVORS + "/" + SERVICE_PROFILES;
  public static final String NEXT_PROVIDERS_KEY = FLAVORS + "/" + NEXT_PROVIDERS;
  /** neutron_lib.db.constants.LONG_DESCRIPTION_FIELD_SIZE */
  private static final int LONG_DESCRIPTION = 1024;

  private static AttributeSpec tenant() {
    return attr("tenant_id").post().validate(Validators.named("type:string", Attrs.NAME_MAX_LEN))
        .requiredByPolicy().visible().build();
  }

  private static AttributeSpec project() {
    return attr("project_id").post().validate(Validators.named("type:string", Attrs.NAME_MAX_LEN))
        .requiredByPolicy().build();
  }

  private static AttributeSpec description() {
    return attr("description").post().put()
        .validate(Validators.named("type:string_or_none", LONG_DESCRIPTION)).filter().sortKey()
        .visible().dflt("").build();
  }

  private static AttributeSpec enabled() {
    return attr("enabled").post().put().convert(Converters::toBooleanIfNotNone).dflt(true)
        .filter().sortKey().visible().build();
  }

  public static ResourceDef flavors() {
    return ResourceDef.of(FLAVORS, "flavor", "Flavor", List.of(
        Attrs.id(),
        attr("name").post().put().validate(Validators.named("type:string", Attrs.NAME_MAX_LEN))
            .filter().sortKey().visible().dflt("").build(),
        description(),
        attr("service_type").post().filter().sortKey().visible().build(),
        tenant(),
        project(),
        attr("service_profiles").post().put().validate(Validators.named("type:uuid_list", null))
            .visible().dflt(List.of()).build(),
        enabled()));
  }

  public static ResourceDef serviceProfiles() {
    return ResourceDef.of(SERVICE_PROFILES, "service_profile", "Service profile", List.of(
        Attrs.id(),
        description(),
        attr("driver").post().put().validate(Validators.named("type:string", LONG_DESCRIPTION))
            .visible().filter().sortKey().dflt("").build(),
        attr("metainfo").post().put().visible().sortKey().dflt("").build(),
        tenant(),
        project(),
        enabled()));
  }

  public static ResourceDef flavorServiceProfiles() {
    return ResourceDef.of(SERVICE_PROFILES, "service_profile", "Flavor service profile",
        List.of(attr("id").post().validate(Validators.named("type:uuid", null)).visible().build(),
            tenant(), project())).under(FLAVORS);
  }

  public static ResourceDef nextProviders() {
    return ResourceDef.of(NEXT_PROVIDERS, "next_provider", "Next provider", List.of(
        attr("provider").visible().build(),
        attr("driver").visible().build(),
        attr("metainfo").visible().build(),
        tenant(),
        project())).under(FLAVORS);
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("flavors", "Neutron Service Flavors",
        "Flavor specification for Neutron advanced services.", "2015-09-17T10:00:00-00:00",
        List.of(flavors(), serviceProfiles(), flavorServiceProfiles(), nextProviders()), Map.of(),
        Map.of(), List.of());
  }
}
