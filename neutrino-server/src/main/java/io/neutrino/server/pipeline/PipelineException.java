package io.neutrino.server.pipeline;

/**
 * A paste pipeline that cannot be built: unparsable api-paste.ini, unknown section or factory,
 * a filter that is not supported yet. Raised while the server starts, never per request.
 */
public class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PipelineException(String message) {
    super(message);
  }

  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
