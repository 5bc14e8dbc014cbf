package dev.mcpclient.schema;

import java.util.List;

/**
 * An icon a client may display for an implementation, tool, resource or prompt (2025-11-25).
 *
 * @param src an HTTP(S) URL or a {@code data:} URI with base64 image data
 * @param mimeType MIME type override such as {@code "image/png"}, or {@code null}
 * @param sizes sizes as {@code "48x48"} or {@code "any"}, or {@code null} for any size
 * @param theme {@code "light"} or {@code "dark"}: the background it is designed for, or {@code null} for any
 * @since 0.2.0
 */
public record Icon(String src, String mimeType, List<String> sizes, String theme) {

    /** An icon with only its source. */
    public Icon(String src) {
        this(src, null, null, null);
    }
}
