package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static final String NASTY = "a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i</script><!--&'j\uD83D\uDE00k";

    @Test
    void stringsRoundTripThroughAParser() {
        for (boolean htmlSafe : new boolean[] {false, true}) {
            String json = new JsonWriter(htmlSafe, false).beginObject().member("s", NASTY).endObject().toString();
            JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
            assertEquals(NASTY, parsed.get("s").getAsString(), "htmlSafe=" + htmlSafe);
        }
    }

    @Test
    void htmlSafeTextHoldsNoMarkupCharactersOrLineSeparators() {
        String json = new JsonWriter(true, false).beginArray().value(NASTY).endArray().toString();
        for (char c : new char[] {'<', '>', '&', '\'', '\u2028', '\u2029', '\n', '\r', '\u0001'}) {
            assertEquals(-1, json.indexOf(c), "found " + (int) c + " in " + json);
        }
        assertTrue(json.contains("\\u003c/script\\u003e"), json);
    }

    @Test
    void plainTextKeepsMarkupCharactersButEscapesLineSeparators() {
        String json = new JsonWriter(false, false).value("<a>&\u2028").toString();
        assertEquals("\"<a>&\\u2028\"", json);
    }

    @Test
    void loneSurrogatesAreEscapedSoTheTextStaysValidUtf8() {
        String json = new JsonWriter(false, false).value("x\uD800y\uDC00").toString();
        assertEquals("\"x\\ud800y\\udc00\"", json);
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        String json = new JsonWriter(false, false).beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(2.0).value(0.125).value(1e-300).endArray().toString();
        assertEquals("[null,null,2,0.125,1.0E-300]", json);
        assertEquals(1e-300, JsonParser.parseString(json).getAsJsonArray().get(4).getAsDouble());
    }

    @Test
    void prettyOutputParsesToTheSameValue() {
        JsonWriter w = new JsonWriter(false, true);
        w.beginObject().name("a").beginArray().value(1).value("x").endArray().name("b").beginObject().endObject()
                .member("c", true).endObject();
        String text = w.toString();
        assertTrue(text.contains("\n"), text);
        assertEquals(JsonParser.parseString("{\"a\":[1,\"x\"],\"b\":{},\"c\":true}"), JsonParser.parseString(text));
    }

    @Test
    void unbalancedTextIsRefused() {
        JsonWriter w = new JsonWriter(false, false).beginObject();
        assertThrows(IllegalStateException.class, w::toString);
        assertThrows(IllegalStateException.class, () -> new JsonWriter(false, false).endArray());
        assertFalse(new JsonWriter(false, false).beginArray().endArray().toString().isEmpty());
    }
}
