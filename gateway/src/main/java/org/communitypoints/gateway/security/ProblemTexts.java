package org.communitypoints.gateway.security;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

import org.communitypoints.platform.web.ProblemMessages;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The texts of the gateway's own problem answers, in the caller's language, from the same catalogs and in the same
 * order as platform-web's {@link ProblemMessages}: the gateway's {@code problems*.properties} first, then
 * {@code platform-problems*.properties}. Read once, when the class is loaded at start-up ({@link #load()}): the
 * answers are written on the Vert.x event loop, where looking a bundle up may read the class path (a bundle the JVM
 * let go of is read again), so there they only look in these maps and format.
 */
public final class ProblemTexts {

    private static final List<Locale> LOCALES = List.of(ProblemMessages.CHINESE, ProblemMessages.ENGLISH);
    /** As ProblemMessages: never the JVM's default locale, so a gateway started with LANG=en still answers Chinese. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<Locale, Map<String, String>> PATTERNS = patterns();

    private ProblemTexts() {
    }

    /** Reads the catalogs now (class initialisation), at start-up rather than at the first refusal. */
    public static void load() {
        // the static initialiser has run by the time this is called
    }

    /** The problem's title and detail for the Accept-Language header given (null: Chinese). */
    public static Text of(String acceptLanguage, int status, String messageKey, String englishDetail, Object... args) {
        Locale locale = ProblemMessages.localeFor(acceptLanguage);
        String title = text("title." + status, locale).orElseGet(() -> HttpResponseStatus.valueOf(status).reasonPhrase());
        String detail = text(messageKey, locale, args).orElse(englishDetail);
        return new Text(locale, title, detail);
    }

    /** @param locale the language the texts are in, for Content-Language */
    public record Text(Locale locale, String title, String detail) {
    }

    static Optional<String> text(String key, Locale locale, Object... args) {
        String pattern = PATTERNS.getOrDefault(locale, Map.of()).get(key);
        return Optional.ofNullable(pattern).map(p -> new MessageFormat(p, locale).format(args));
    }

    private static Map<Locale, Map<String, String>> patterns() {
        Map<Locale, Map<String, String>> all = new HashMap<>();
        for (Locale locale : LOCALES) {
            Map<String, String> patterns = new HashMap<>();
            // platform-web's first, so that the gateway's own catalog overrides a key both have
            read(ProblemMessages.PLATFORM_CATALOG, locale, patterns);
            read(ProblemMessages.SERVICE_CATALOG, locale, patterns);
            all.put(locale, Map.copyOf(patterns));
        }
        return Map.copyOf(all);
    }

    private static void read(String catalog, Locale locale, Map<String, String> into) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(catalog, locale, classLoader(), NO_FALLBACK);
            bundle.keySet().forEach(key -> into.put(key, bundle.getString(key)));
        } catch (MissingResourceException noCatalog) {
            // a catalog that is not there has no texts; the English details given stand in
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProblemTexts.class.getClassLoader();
    }
}
