package dev.godotload.wire.variant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A typed Godot Array such as {@code Array[int]}. (An untyped Array is a plain {@link List}.)
 * Godot 4.3+ writes the element type in the header; older peers receive it untyped.
 */
public record TypedArray(ContainerType elementType, List<Object> elements) {
    public TypedArray {
        Objects.requireNonNull(elementType, "elementType");
        if (elementType instanceof ContainerType.Any) {
            throw new IllegalArgumentException("a TypedArray needs an element type; an untyped Array is a List");
        }
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
        for (int i = 0; i < elements.size(); i++) {
            if (!elementType.admits(elements.get(i))) {
                throw new IllegalArgumentException("element " + i + " is " + Variants.describeType(elements.get(i))
                        + ", not allowed in an Array[" + elementType.describe() + "]");
            }
        }
    }

    public static TypedArray of(VariantType type, Object... elements) {
        return new TypedArray(ContainerType.of(type), List.of(elements));
    }
}
