package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadPropertiesTest {
    private static LoadProperties of(Map<String, String> m) {
        return new LoadProperties(m::get);
    }

    @Test
    void defaultsApplyWhenUnsetOrBlank() {
        LoadProperties p = of(Map.of("load.users", " "));
        assertThat(p.integer("load.users", 100, 1, 1000)).isEqualTo(100);
        assertThat(p.duration("load.ramp", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(p.flag("godot.stress", true)).isTrue();
        assertThat(p.string("godot.url")).isNull();
    }

    @Test
    void parsesWhatATesterTypes() {
        LoadProperties p = of(Map.of("a", "1_000", "d1", "500ms", "d2", "2m", "d3", "1.5", "f", "off", "n", "99.95"));
        assertThat(p.integer("a", 0, 0, 10_000)).isEqualTo(1000);
        assertThat(p.duration("d1", null, Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(500));
        assertThat(p.duration("d2", null, Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.duration("d3", null, Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.flag("f", true)).isFalse();
        assertThat(p.number("n", 0, 0, 100)).isEqualTo(99.95);
    }

    @Test
    void badValuesAreOneLineNamingPropertyValueAndWhatIsAccepted() {
        LoadProperties p = of(Map.of("load.users", "lots", "load.ramp", "soon", "x", "0", "f", "maybe", "n", "101"));
        assertThatThrownBy(() -> p.integer("load.users", 100, 2, 100_000))
                .hasMessage("bad -Dload.users='lots': expected a whole number from 2 to 100000");
        assertThatThrownBy(() -> p.integer("x", 100, 2, 100_000))
                .hasMessage("bad -Dx='0': expected a whole number from 2 to 100000");
        assertThatThrownBy(() -> p.duration("load.ramp", null, Duration.ZERO, Duration.ofHours(1)))
                .hasMessage("bad -Dload.ramp='soon': expected a duration from 0s to 1h, like 30s, 500ms or 2m");
        assertThatThrownBy(() -> p.flag("f", true)).hasMessage("bad -Df='maybe': expected on or off");
        assertThatThrownBy(() -> p.number("n", 1, 0, 100)).hasMessage("bad -Dn='101': expected a number from 0.0 to 100.0");
    }
}
