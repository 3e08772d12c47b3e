package dev.godotload.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Comparator;

/** JSON helpers for golden tests: parsing, and tree equality where numbers compare as numbers. */
public final class JsonTrees {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Leaf comparison for {@link JsonNode#equals(Comparator, JsonNode)}: two numbers are equal when
     * their values are ({@code 2147483648} as an int node and as a long node, {@code 1.0} and
     * {@code 1.00}); integral and floating-point numbers compare by exact decimal value; every
     * other leaf by {@link JsonNode#equals(Object)}.
     */
    public static final Comparator<JsonNode> NUMBERS_AS_NUMBERS = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private JsonTrees() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** Tree equality with {@link #NUMBERS_AS_NUMBERS}. */
    public static boolean sameTree(JsonNode expected, JsonNode actual) {
        return expected.equals(NUMBERS_AS_NUMBERS, actual);
    }
}
