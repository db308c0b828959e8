package org.hpo4j.inject;

/**
 * A tuned value that cannot be used: the key is unknown, the value has the wrong type or is out of
 * range, or the parameter is inactive under the other values. The message names the source (file or
 * system property), the key, the value and what is allowed.
 */
public class HpoConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String value;

    /**
     * @param source where the value came from, e.g. {@code hpo/a.b.C.properties} or
     *     {@code system property hpo.C.lr}
     * @param key the parameter's key
     * @param value the offending value as written, {@code null} when none is involved
     * @param problem what is wrong and what is allowed
     */
    public HpoConfigurationException(String source, String key, String value, String problem) {
        super(source + ": " + key + (value == null ? "" : " = " + value) + ": " + problem);
        this.source = source;
        this.key = key;
        this.value = value;
    }

    /** Where the value came from (a file or a system property). */
    public String source() {
        return source;
    }

    /** The parameter's key. */
    public String key() {
        return key;
    }

    /** The offending value as written, or {@code null}. */
    public String value() {
        return value;
    }
}
