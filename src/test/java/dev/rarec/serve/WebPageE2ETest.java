package dev.rarec.serve;

import dev.rarec.TestData;
import dev.rarec.generator.SurfaceFixtures;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat page in headless Chromium: type, send, read the cards, look at the screenshot. */
class WebPageE2ETest {
    /** Where the screenshot is kept for a person to look at. */
    static final Path SCREENSHOT = Path.of("target", "e2e", "chat-page.png");

    @Test
    void aConversationInThePageShowsRecommendationCards() throws Exception {
        TestData.require(HeadlessChromium.unavailable().isEmpty(), "no headless Chromium for the page test: " + HeadlessChromium.unavailable().orElse(""));
        try (RecommendationServer server = RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0),
                Map.of("fake", SurfaceFixtures.recommender(false)));
             HeadlessChromium browser = new HeadlessChromium(1280, 900)) {
            browser.open(server.url() + "/");
            browser.type(browser.one("#message"), "I loved Heat, something tense please");
            browser.click(browser.one("#send"));

            List<String> cards = browser.await(".card", 8, Duration.ofSeconds(20));
            assertThat(cards).hasSize(8);
            String first = browser.text(cards.get(0));
            // Heat's 8 genre neighbours, reversed by the fake generator: The Matrix (no shared genre) comes first.
            assertThat(first).contains("#1", "The Matrix", "(1999)", "Action", "Sci-Fi", "Lana Wachowski", "Keanu Reeves",
                    "computer hacker Neo", "directed by Lana Wachowski");
            assertThat(browser.text(browser.one("#history"))).contains("Heat (1995)");
            assertThat(browser.text(browser.await(".msg.assistant", 1, Duration.ofSeconds(5)).get(0))).startsWith("You might enjoy");

            browser.type(browser.one("#message"), "The Matrix was great too");
            browser.click(browser.one("#send"));
            browser.await(".msg.assistant", 2, Duration.ofSeconds(20));
            assertThat(browser.text(browser.one("#history"))).contains("Heat (1995)", "The Matrix (1999)");

            byte[] png = browser.screenshotPng();
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("screenshot decodes as PNG").isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(800);
            assertThat(distinctColours(image)).as("a blank page has one or two colours").isGreaterThan(50);
        }
    }

    @Test
    void aRefusedMessageShowsTheServersError() throws Exception {
        TestData.require(HeadlessChromium.unavailable().isEmpty(), "no headless Chromium for the page test: " + HeadlessChromium.unavailable().orElse(""));
        ServeConfig tight = new ServeConfig("127.0.0.1", 0, 64 * 1024, 100, 20, 50, 10, java.util.Optional.empty(), 0);
        try (RecommendationServer server = RecommendationServer.start(tight, Map.of("fake", SurfaceFixtures.recommender(false)));
             HeadlessChromium browser = new HeadlessChromium(1024, 700)) {
            browser.open(server.url() + "/");
            browser.type(browser.one("#message"), "a message that is far longer than twenty characters");
            browser.click(browser.one("#send"));

            String error = browser.text(browser.await(".msg.error", 1, Duration.ofSeconds(20)).get(0));
            assertThat(error).contains("at most 20");
            assertThat(browser.find(".card")).isEmpty();
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) colours.add(image.getRGB(x, y));
        }
        return colours.size();
    }
}
