package io.neutrino.lib.apidef;

import io.neutrino.lib.validate.Converter;
import io.neutrino.lib.validate.Validator;
import java.util.Objects;

/**
 * One attribute of a resource, as neutron-lib's RESOURCE_ATTRIBUTE_MAP declares it. {@link
 * #defaultValue()} is {@link #REQUIRED} when the declaration has no default (then POST must give
 * it), or {@link #NOT_SPECIFIED} when it is optional and simply absent unless given.
 */
public record AttributeSpec(
    String name,
    boolean allowPost,
    boolean allowPut,
    Object defaultValue,
    Converter converter,
    Validator validator,
    boolean visible,
    boolean filter,
    boolean sortKey,
    boolean enforcePolicy,
    boolean requiredByPolicy,
    boolean convertListItems) {

  /** neutron-lib's ATTR_NOT_SPECIFIED: distinct from {@code null}, which is a real value. */
  public static final Object NOT_SPECIFIED =
      new Object() {
        @Override
        public String toString() {
          return "<not specified>";
        }
      };

  public AttributeSpec {
    Objects.requireNonNull(name);
    Objects.requireNonNull(converter);
    Objects.requireNonNull(validator);
  }

  /**
   * Marks an attribute declared without a default: required on POST when POST allows it. Kept
   * apart from {@link #NOT_SPECIFIED}, which is a default meaning "optional and absent".
   */
  public static final Object REQUIRED =
      new Object() {
        @Override
        public String toString() {
          return "<required>";
        }
      };

  public boolean hasDefault() {
    return defaultValue != REQUIRED;
  }

  /** Required on POST: allowed there and without a default (neutron-lib's implicit rule). */
  public boolean requiredOnPost() {
    return allowPost && !hasDefault();
  }

  public static Builder attr(String name) {
    return new Builder(name);
  }

  /** The small fluent helper STYLE.md asks for: {@code attr("name").post().put()...}. */
  public static final class Builder {
    private final String name;
    private boolean post;
    private boolean put;
    private Object dflt = REQUIRED;
    private Converter converter = Converter.IDENTITY;
    private Validator validator = Validator.NONE;
    private boolean visible;
    private boolean filter;
    private boolean sortKey;
    private boolean enforcePolicy;
    private boolean requiredByPolicy;

    private Builder(String name) {
      this.name = name;
    }

    public Builder post() {
      post = true;
      return this;
    }

    public Builder put() {
      put = true;
      return this;
    }

    public Builder dflt(Object value) {
      dflt = value;
      return this;
    }

    public Builder convert(Converter c) {
      converter = c;
      return this;
    }

    public Builder validate(Validator v) {
      validator = v;
      return this;
    }

    public Builder visible() {
      visible = true;
      return this;
    }

    public Builder filter() {
      filter = true;
      return this;
    }

    public Builder sortKey() {
      sortKey = true;
      return this;
    }

    public Builder enforcePolicy() {
      enforcePolicy = true;
      return this;
    }

    public Builder requiredByPolicy() {
      requiredByPolicy = true;
      return this;
    }

    public AttributeSpec build() {
      return new AttributeSpec(
          name, post, put, dflt, converter, validator, visible, filter, sortKey, enforcePolicy,
          requiredByPolicy, false);
    }
  }
}
