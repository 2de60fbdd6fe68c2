package io.neutrino.server.pipeline;

/**
 * Factories for {@code keystonemiddleware.auth_token:filter_factory} and
 * {@code neutron.auth:NeutronKeystoneContext.factory}. Keystone authentication is not
 * implemented yet: the factories resolve (so api-paste.ini loads), but building either filter
 * fails start-up with a {@link PipelineException}. noauth pipelines never build them.
 */
final class UnsupportedAuthFilters {
  private UnsupportedAuthFilters() {}

  static final FilterFactory AUTHTOKEN =
      (conf, ctx) -> {
        throw new PipelineException(
            "auth_strategy = keystone is not supported yet: the authtoken filter "
                + "(keystonemiddleware.auth_token:filter_factory) is not implemented in Neutrino; "
                + "use auth_strategy = noauth");
      };

  static final FilterFactory KEYSTONECONTEXT =
      (conf, ctx) -> {
        throw new PipelineException(
            "auth_strategy = keystone is not supported yet: the keystonecontext filter "
                + "(neutron.auth:NeutronKeystoneContext.factory) is not implemented in Neutrino; "
                + "use auth_strategy = noauth");
      };
}
