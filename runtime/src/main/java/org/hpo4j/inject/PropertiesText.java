package org.hpo4j.inject;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What {@link TunedProperties} needs to say where a properties text is wrong: strict UTF-8
 * decoding that names the line of a bad byte, and the line on which a key is set.
 */
final class PropertiesText {
    private PropertiesText() {
    }

    /** The text of UTF-8 bytes; bytes that are not UTF-8 (a file saved as Latin-1) are an error naming their line. */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // the key as far as it reads (the bytes before the bad one are UTF-8)
            String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
            String key = before.split("[=:\\s]", 2)[0];
            throw new HpoConfigurationException(source + ", line " + line, key.isEmpty() ? "(file)" : key, null,
                    String.format("byte 0x%02X is not UTF-8; save the file as UTF-8 (hpo4j writes it so; an editor"
                            + " may have saved it as Latin-1)", bytes[at] & 0xFF));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The line on which {@code key} is set for the {@code occurrence}-th time, as {@link Properties} reads lines. */
    static int lineOf(String text, String key, int occurrence) {
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        int found = 0;
        boolean continued = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean startsEntry = !continued;
            int backslashes = 0;
            for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            String trimmed = line.stripLeading();
            boolean comment = startsEntry && (trimmed.startsWith("#") || trimmed.startsWith("!"));
            continued = !comment && backslashes % 2 == 1;
            if (!startsEntry || comment || trimmed.isEmpty()) {
                continue;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line));
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            if (one.containsKey(key) && ++found == occurrence) {
                return i + 1;
            }
        }
        return -1;
    }
}
