package io.neutrino.bench;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A non-2xx answer from the endpoint. */
public final class ApiException extends Exception {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final int SNIPPET = 200;

    private final int status;
    private final String method;
    private final String path;
    private final String bodySnippet;

    public ApiException(String method, String path, int status, byte[] body) {
        super("HTTP " + status + " " + method + " " + templ(path) + ": " + snippet(body));
        this.status = status;
        this.method = method;
        this.path = path;
        this.bodySnippet = snippet(body);
    }

    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String bodySnippet() {
        return bodySnippet;
    }

    static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "<empty body>";
        }
        String s = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return s.length() > SNIPPET ? s.substring(0, SNIPPET) + "..." : s;
    }

    /** Replaces UUIDs (ids) so that errors which differ only by resource id count as one. */
    static String templ(String s) {
        int q = s.indexOf('?');
        String p = q < 0 ? s : s.substring(0, q);
        return UUID.matcher(p).replaceAll("{id}");
    }

    /** Key used to group distinct errors: exception text with ids blanked out. */
    static String errorKey(Throwable t) {
        return UUID.matcher(describe(t)).replaceAll("<id>");
    }

    /** Exception text for humans: the HTTP error, or the class plus the first message in the cause chain. */
    static String describe(Throwable t) {
        if (t instanceof ApiException || (t.getClass() == java.io.IOException.class && t.getMessage() != null)) {
            return t.getMessage();
        }
        String msg = null;
        for (Throwable c = t; c != null && msg == null; c = c.getCause()) {
            msg = c.getMessage();
        }
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
