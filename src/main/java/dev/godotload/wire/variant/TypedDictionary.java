package dev.godotload.wire.variant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A typed Godot Dictionary such as {@code Dictionary[String, int]}, in insertion order. (An
 * untyped Dictionary is a plain {@link LinkedHashMap}.) Godot 4.4+ writes the key and value types
 * in the header; older peers receive it untyped.
 */
public record TypedDictionary(ContainerType keyType, ContainerType valueType, Map<Object, Object> entries) {
    public TypedDictionary {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (keyType instanceof ContainerType.Any && valueType instanceof ContainerType.Any) {
            throw new IllegalArgumentException("a TypedDictionary needs a key or value type; an untyped Dictionary is a LinkedHashMap");
        }
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            if (!keyType.admits(e.getKey())) {
                throw new IllegalArgumentException("key " + Variants.describeType(e.getKey())
                        + " is not allowed in a Dictionary[" + keyType.describe() + ", " + valueType.describe() + "]");
            }
            if (!valueType.admits(e.getValue())) {
                throw new IllegalArgumentException("value " + Variants.describeType(e.getValue())
                        + " is not allowed in a Dictionary[" + keyType.describe() + ", " + valueType.describe() + "]");
            }
        }
    }
}
