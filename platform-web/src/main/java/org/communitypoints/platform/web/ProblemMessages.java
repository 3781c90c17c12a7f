package org.communitypoints.platform.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The sentences of problem details in the caller's language: Chinese unless the client prefers English
 * ({@code Accept-Language}), read from message catalogs so that the codes stay the same and only the words
 * change.
 *
 * <p>
 * Two catalogs, looked up in this order:
 * <ol>
 * <li>the service's own: {@code src/main/resources/problems.properties} (Chinese, the default) and
 * {@code problems_en.properties} (English); key = the problem code ({@code CAPACITY_FULL}), or
 * {@code CODE.variant} for a second sentence under one code; value = a {@link MessageFormat} pattern with
 * {@code {0}}, {@code {1}}... filled from {@link ProblemException#args()} (write {@code ''} for an
 * apostrophe; pass ids as strings, numbers are grouped: 1,500);</li>
 * <li>platform-web's {@code platform-problems*.properties}: its own codes (MALFORMED_JSON,
 * VALIDATION_FAILED, INVALID_PARAMETER, 401/403/404/405/413/415/500...) and the titles by status
 * ({@code title.404}). A service can override any of them by the same key in its catalog.</li>
 * </ol>
 * When neither catalog has the key, the English detail given to {@link ProblemException} is used, so a
 * code nobody translated yet still answers something readable. {@link ProblemCatalog#defects} checks that
 * every key has both languages.
 */
public final class ProblemMessages {

    /** The default language of the suite's residents. */
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** Base name of a service's catalog on the classpath. */
    public static final String SERVICE_CATALOG = "problems";
    /** Base name of platform-web's own catalog. */
    public static final String PLATFORM_CATALOG = "platform-problems";

    private static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);
    /** Never fall back to the JVM's default locale: a server started with LANG=en must still answer Chinese. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemMessages() {
    }

    /**
     * @param acceptLanguage the Accept-Language header, or null
     * @return English when the client's most preferred language we speak is English, else Chinese
     */
    public static Locale localeFor(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return CHINESE;
        }
        try {
            List<Locale> matches = Locale.filter(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return matches.isEmpty() ? CHINESE : matches.get(0);
        } catch (IllegalArgumentException malformed) {
            return CHINESE;
        }
    }

    /** @param acceptable the languages as JAX-RS sorted them ({@code HttpHeaders.getAcceptableLanguages()}) */
    public static Locale localeFor(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("en".equals(locale.getLanguage())) {
                return ENGLISH;
            }
            if ("zh".equals(locale.getLanguage()) || "*".equals(locale.getLanguage())) {
                return CHINESE;
            }
        }
        return CHINESE;
    }

    /** The text under {@code key} in the caller's language, with the arguments filled in, if a catalog has one. */
    public static Optional<String> text(String key, Locale locale, Object... args) {
        return pattern(SERVICE_CATALOG, key, locale).or(() -> pattern(PLATFORM_CATALOG, key, locale))
                .map(p -> new MessageFormat(p, locale).format(args == null ? new Object[0] : args));
    }

    /** The detail of a refusal: its catalog text, else the English detail it was thrown with. */
    public static String detail(ProblemException e, Locale locale) {
        return text(e.messageKey(), locale, e.args()).orElse(e.detail());
    }

    /** The title for a status ("Not Found" / "未找到"), else the given one. */
    public static String title(int status, Locale locale, String fallback) {
        return text("title." + status, locale).orElse(fallback);
    }

    static Optional<String> pattern(String catalog, String key, Locale locale) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(catalog, locale, classLoader(), NO_FALLBACK);
            return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
        } catch (MissingResourceException noCatalog) {
            return Optional.empty();
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProblemMessages.class.getClassLoader();
    }
}
