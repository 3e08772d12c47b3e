package dev.godotload.vitals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.godotload.engine.web.HeadlessPage;

/**
 * Takes the screenshot of a vitals page for the docs, in headless Chromium: what
 * {@code docs/vitals-screenshot.sh} runs after a chat run. Arguments: the page, the PNG to write,
 * and optionally the width and height in CSS pixels (1280 x 1500).
 */
public final class VitalsScreenshot {
    private VitalsScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: VitalsScreenshot <vitals.html> <out.png> [width height]");
            System.exit(2);
        }
        Path page = Path.of(args[0]);
        if (!Files.isRegularFile(page)) {
            System.err.println("godot-load: no vitals page at " + page);
            System.exit(2);
        }
        int width = args.length == 4 ? Integer.parseInt(args[2]) : 1280;
        int height = args.length == 4 ? Integer.parseInt(args[3]) : 1500;
        if (HeadlessPage.browser() == null) {
            System.err.println("godot-load: Chromium is not installed (chromium or chromium-browser on the PATH, or $CHROMIUM_BIN)");
            System.exit(1);
        }
        Path png = Path.of(args[1]);
        HeadlessPage.screenshot(page, png, width, height, Duration.ofSeconds(60));
        System.out.println("godot-load: " + png + " (" + width + " x " + height + ") from " + page);
    }
}
