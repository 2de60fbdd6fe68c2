package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;

/** Attribute shapes shared by many resources (neutron_lib/api/definitions/base … constants). */
public final class Attrs {
  private Attrs() {}

  public static final int NAME_MAX_LEN = 255;
  public static final int DESCRIPTION_MAX_LEN = 255;
  public static final int DEVICE_ID_MAX_LEN = 255;

  public static AttributeSpec id() {
    return attr("id").validate(Validators.named("type:uuid", null)).visible().filter().sortKey()
        .build();
  }

  public static AttributeSpec name() {
    return attr("name").post().put().validate(Validators.named("type:string", NAME_MAX_LEN))
        .dflt("").visible().filter().sortKey().build();
  }

  public static AttributeSpec projectId() {
    return attr("project_id").post().validate(Validators.named("type:string", NAME_MAX_LEN))
        .requiredByPolicy().visible().filter().sortKey().build();
  }

  public static AttributeSpec tenantId() {
    return attr("tenant_id").post().validate(Validators.named("type:string", NAME_MAX_LEN))
        .requiredByPolicy().visible().filter().sortKey().build();
  }

  public static AttributeSpec status() {
    return attr("status").visible().filter().sortKey().build();
  }

  public static AttributeSpec adminStateUp() {
    return attr("admin_state_up").post().put().dflt(true).convert(Converters::toBoolean)
        .visible().filter().sortKey().build();
  }

  /** standard-attr-description */
  public static AttributeSpec description() {
    return attr("description").post().put()
        .validate(Validators.named("type:string", DESCRIPTION_MAX_LEN)).dflt("").visible()
        .filter().build();
  }

  /** standard-attr-timestamp */
  public static AttributeSpec createdAt() {
    return attr("created_at").visible().filter().sortKey().build();
  }

  public static AttributeSpec updatedAt() {
    return attr("updated_at").visible().filter().sortKey().build();
  }

  /** standard-attr-revisions */
  public static AttributeSpec revisionNumber() {
    return attr("revision_number").visible().filter().sortKey().build();
  }

  /** standard-attr-tag (read side: tags are set through the tags sub-resource). */
  public static AttributeSpec tags() {
    return attr("tags").visible().build();
  }
}
